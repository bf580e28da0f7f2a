import KithCommandLine
import Testing

/// Splits `redraw` output into the visible text after the prompt and the cursor column.
private func parseRedraw(_ output: String, prompt: String) -> (visible: String, column: Int)? {
    let parts = output.split(separator: "\u{1B}[0K\r", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].hasPrefix("\r" + prompt) else { return nil }
    let visible = String(parts[0].dropFirst(1 + prompt.count))
    if parts[1].isEmpty { return (visible, 0) }
    guard parts[1].hasPrefix("\u{1B}["), parts[1].hasSuffix("C"),
        let column = Int(parts[1].dropFirst(2).dropLast())
    else { return nil }
    return (visible, column)
}

@Suite("LineEditorRenderer")
struct LineEditorRendererTests {
    let renderer = LineEditorRenderer(prompt: "> ")

    @Test("redraw writes the prompt and text, clears the rest, and puts the cursor back")
    func redraw() {
        let end = LineEditorState(text: "hello", cursor: 5)
        #expect(renderer.redraw(state: end, width: 80) == "\r> hello\u{1B}[0K\r\u{1B}[7C")
        let middle = LineEditorState(text: "hello", cursor: 2)
        #expect(renderer.redraw(state: middle, width: 80) == "\r> hello\u{1B}[0K\r\u{1B}[4C")
        let wide = LineEditorState(text: "日本", cursor: 1)
        #expect(renderer.redraw(state: wide, width: 80) == "\r> 日本\u{1B}[0K\r\u{1B}[4C")
        let bare = LineEditorRenderer(prompt: "")
        #expect(bare.redraw(state: LineEditorState(), width: 80) == "\r\u{1B}[0K\r")
        #expect(renderer.redraw(state: end, width: 0) == renderer.redraw(state: end, width: 80))
    }

    @Test("printAbove prints the message on its own line and keeps the typed text and cursor")
    func printAbove() {
        let typing = LineEditorState(text: "hello", cursor: 3)
        #expect(
            renderer.printAbove("alice: hi", state: typing, width: 80)
                == "\r\u{1B}[2Kalice: hi\r\n\r> hello\u{1B}[0K\r\u{1B}[5C")
    }

    @Test("printAbove neutralises control characters and turns line breaks into CR LF")
    func printAboveSanitises() {
        let output = renderer.printAbove(
            "x\u{1B}[2Jy\nz\r\nw\rv\tt\u{9B}", state: LineEditorState(), width: 80)
        #expect(
            output
                == "\r\u{1B}[2Kx\u{FFFD}[2Jy\r\nz\r\nw\r\nv\tt\u{FFFD}\r\n\r> \u{1B}[0K\r\u{1B}[2C")
        #expect(LineEditorRenderer(prompt: "a\u{1B}b\n").prompt == "a\u{FFFD}b\u{FFFD}")
    }

    @Test("printAbove(formatted:) keeps the program's own escape codes, translating line breaks")
    func printAboveFormatted() {
        let output = renderer.printAbove(
            formatted: "\u{1B}[1mbold\u{1B}[0m\nnext",
            state: LineEditorState(text: "ab", cursor: 1),
            width: 80)
        #expect(
            output == "\r\u{1B}[2K\u{1B}[1mbold\u{1B}[0m\r\nnext\r\n\r> ab\u{1B}[0K\r\u{1B}[3C")
    }

    @Test("a long line scrolls horizontally, with < and > where text is hidden")
    func scrolling() {
        let text = "abcdefghijklmnop"
        let atEnd = renderer.redraw(state: LineEditorState(text: text, cursor: 16), width: 10)
        #expect(atEnd == "\r> <lmnop\u{1B}[0K\r\u{1B}[8C")
        let atStart = renderer.redraw(state: LineEditorState(text: text, cursor: 0), width: 10)
        #expect(atStart == "\r> abcdef>\u{1B}[0K\r\u{1B}[2C")
        let middle = renderer.redraw(state: LineEditorState(text: text, cursor: 8), width: 10)
        #expect(middle == "\r> <efghi>\u{1B}[0K\r\u{1B}[7C")
        let fits = renderer.redraw(state: LineEditorState(text: "abcdef", cursor: 0), width: 10)
        #expect(fits == "\r> abcdef\u{1B}[0K\r\u{1B}[2C")
    }

    @Test("a reverse search shows its prompt in place of the prompt, as bash does")
    func searchPrompt() {
        let found = LineEditorState(text: "hello bob", cursor: 6, search: .init(query: "bob"))
        #expect(
            renderer.redraw(state: found, width: 80)
                == "\r(reverse-i-search)'bob': hello bob\u{1B}[0K\r\u{1B}[31C")
        let failed = LineEditorState(
            text: "x", cursor: 1, search: .init(query: "q\u{1B}", failed: true))
        #expect(
            renderer.redraw(state: failed, width: 80)
                == "\r(failed reverse-i-search)'q\u{FFFD}': x\u{1B}[0K\r\u{1B}[32C")
    }

    @Test(
        "at every cursor position and width the cursor and the character under it stay visible",
        arguments: ["abcdefghijklmnopqrstuvwxyz", "日本語のテキストとemoji👍🏽👍🏽と混ざったもの"])
    func cursorAlwaysVisible(text: String) {
        let characters = Array(text)
        for width in 7...30 {
            for cursor in 0...characters.count {
                let state = LineEditorState(text: text, cursor: cursor)
                guard
                    let parsed = parseRedraw(
                        renderer.redraw(state: state, width: width), prompt: "> ")
                else {
                    Issue.record("unparsable output at width \(width) cursor \(cursor)")
                    return
                }
                let visibleColumns = DisplayWidth.columns(of: parsed.visible)
                #expect(2 + visibleColumns <= width - 1)
                #expect(parsed.column <= width - 1)
                // The visible text is text[start..<end] with the cursor inside it, after a `<`
                // when text is hidden before it.
                let marked = parsed.visible.hasPrefix(LineEditorRenderer.hiddenBeforeMark)
                var visible = Substring(parsed.visible)
                if marked { visible = visible.dropFirst() }
                if visible.hasSuffix(LineEditorRenderer.hiddenAfterMark) {
                    visible = visible.dropLast()
                }
                #expect(text.contains(visible))
                let shown = Array(visible)
                var columns = marked ? 3 : 2
                var offset = 0
                while columns < parsed.column, offset < shown.count {
                    columns += DisplayWidth.columns(of: shown[offset])
                    offset += 1
                }
                #expect(columns == parsed.column)
                let start = cursor - offset
                #expect(start >= 0)
                if start >= 0, cursor < characters.count {
                    #expect(offset < shown.count)
                    if offset < shown.count { #expect(shown[offset] == characters[cursor]) }
                }
            }
        }
    }

    @Test("a prompt too wide for the terminal is dropped and the cursor stays on screen")
    func narrowTerminal() {
        let state = LineEditorState(text: "abcdef", cursor: 6)
        #expect(renderer.redraw(state: state, width: 3) == "\rf\u{1B}[0K\r\u{1B}[1C")
        #expect(
            renderer.redraw(state: LineEditorState(text: "abcdef", cursor: 5), width: 3)
                == "\ref\u{1B}[0K\r\u{1B}[1C")
    }
}
