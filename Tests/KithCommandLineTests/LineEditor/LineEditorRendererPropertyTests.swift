import KithCommandLine
import Testing

/// SplitMix64: a small seeded generator, so every run checks the same cases.
private struct SeededRandom {
    var state: UInt64

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}

/// What one redraw put on screen.
private struct DrawnLine {
    var promptShown: Bool
    var visible: String
    var cursorColumn: Int

    /// Parses `\r` + prompt? + visible + `ESC[0K\r` + `ESC[<n>C`?.
    init?(_ output: String, prompt: String) {
        let parts = output.split(separator: "\u{1B}[0K\r", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("\r") else { return nil }
        var line = parts[0].dropFirst()
        promptShown = !prompt.isEmpty && line.hasPrefix(prompt)
        if promptShown { line = line.dropFirst(prompt.count) }
        visible = String(line)
        if parts[1].isEmpty {
            cursorColumn = 0
        } else {
            guard parts[1].hasPrefix("\u{1B}["), parts[1].hasSuffix("C"),
                let column = Int(parts[1].dropFirst(2).dropLast())
            else { return nil }
            cursorColumn = column
        }
    }
}

@Suite("LineEditorRenderer, over random lines")
struct LineEditorRendererPropertyTests {
    /// Characters of every width: ASCII, CJK, fullwidth, Hangul, emoji with a modifier, a
    /// flag, a combining accent, and a pasted line break (shown as ⏎). No `<` or `>`, so the
    /// marks are told apart from the text.
    static let pool: [String] = [
        "a", "b", "z", " ", "#", "日", "本", "語", "テ", "Ａ", "한", "👍🏽", "🇫🇷", "e\u{301}", "\n",
    ]
    static let prompts = ["", "> ", "lobby/#general> ", "garden (left)/@bob (away)> "]

    @Test(
        "the line never needs more columns than the terminal has; the cursor and the character under it are visible; < and > mark hidden text"
    )
    func randomLines() {
        var random = SeededRandom(state: 0x6B69_7468)
        for round in 0..<4000 {
            let length = random.next(below: 70)
            let text = (0..<length).map { _ in Self.pool[random.next(below: Self.pool.count)] }
                .joined()
            let characters = Array(text)
            let cursor = random.next(below: characters.count + 1)
            let width = 3 + random.next(below: 60)
            let prompt = Self.prompts[random.next(below: Self.prompts.count)]
            let output = LineEditorRenderer(prompt: prompt).redraw(
                state: LineEditorState(text: text, cursor: cursor), width: width)
            guard let drawn = DrawnLine(output, prompt: prompt) else {
                Issue.record("round \(round): unparsable output \(output.debugDescription)")
                continue
            }
            check(
                drawn, characters: characters, cursor: cursor, width: width, prompt: prompt,
                round: round)
        }
    }

    private func check(
        _ drawn: DrawnLine, characters: [Character], cursor: Int, width: Int, prompt: String,
        round: Int
    ) {
        let context = Comment(
            rawValue:
                "round \(round): width \(width), cursor \(cursor), \(String(characters).debugDescription), prompt \(prompt.debugDescription)"
        )
        let promptColumns = drawn.promptShown ? DisplayWidth.columns(of: prompt) : 0
        let used = promptColumns + DisplayWidth.columns(of: drawn.visible)
        #expect(used <= width - 1, context)
        #expect(drawn.cursorColumn <= width - 1, context)
        // Strip the marks; what stays is a run of the text, shown with line breaks as ⏎.
        var visible = Substring(drawn.visible)
        let markBefore = visible.hasPrefix(LineEditorRenderer.hiddenBeforeMark)
        if markBefore { visible = visible.dropFirst() }
        let markAfter = visible.hasSuffix(LineEditorRenderer.hiddenAfterMark)
        if markAfter { visible = visible.dropLast() }
        let shown = Array(visible)
        let expected = characters.map {
            $0 == "\n" ? Character(LineEditorRenderer.lineBreakMark) : $0
        }
        // Walk from the left edge of the text to the cursor column.
        var column = promptColumns + (markBefore ? 1 : 0)
        var offset = 0
        while column < drawn.cursorColumn, offset < shown.count {
            column += DisplayWidth.columns(of: shown[offset])
            offset += 1
        }
        #expect(column == drawn.cursorColumn, context)
        let start = cursor - offset
        guard start >= 0, start + shown.count <= expected.count else {
            Issue.record("the cursor is outside the text shown; \(context)")
            return
        }
        #expect(Array(expected[start..<(start + shown.count)]) == shown, context)
        if cursor < expected.count {
            #expect(offset < shown.count, "the character under the cursor is hidden; \(context)")
        }
        let hiddenBefore = start > 0
        let hiddenAfter = start + shown.count < expected.count
        #expect(!markBefore || hiddenBefore, context)
        #expect(!markAfter || hiddenAfter, context)
        // With room for both marks and a wide character, hidden text is always marked.
        if width - 1 - promptColumns >= LineEditorRenderer.minimumTextColumns {
            #expect(markBefore == hiddenBefore, context)
            #expect(markAfter == hiddenAfter, context)
        }
    }
}
