import KithCommandLine
import Testing

/// Feeds `script` to `editor` in pieces of `chunkSize` bytes, completing from `candidates`.
private func feed(
    _ script: String, chunkSize: Int? = nil, editor: LineEditor = LineEditor(),
    candidates: @escaping (LineCompletionRequest) -> [String] = { _ in [] }
) -> (events: [LineEditorEvent], editor: LineEditor) {
    var editor = editor
    var events: [LineEditorEvent] = []
    let input = Array(script.utf8)
    let size = max(chunkSize ?? input.count, 1)
    var start = 0
    while start < input.count {
        let end = min(start + size, input.count)
        events += editor.feed(Array(input[start..<end]), completions: candidates)
        start = end
    }
    return (events, editor)
}

private let pasteStart = "\u{1B}[200~"
private let pasteEnd = "\u{1B}[201~"

@Suite("LineEditor: terminal habits (paste, word moves, Tab, Ctrl-Z, Ctrl-L)")
struct LineEditorTerminalHabitsTests {
    @Test(
        "a bracketed paste is text: CR, LF and CR LF become one line break each, Enter submits all")
    func pasteKeepsLineBreaks() {
        let result = feed(pasteStart + "one\r\n/quit\rthree\nfour" + pasteEnd)
        #expect(result.events == [.pasted(lineCount: 4, wasCut: false)])
        #expect(result.editor.state.text == "one\n/quit\nthree\nfour")
        #expect(result.editor.state.cursor == result.editor.state.text.count)
        var editor = result.editor
        #expect(editor.feed(Array("\r".utf8)) == [.submit("one\n/quit\nthree\nfour")])
        #expect(editor.state == LineEditorState())
    }

    @Test("pasted control bytes never act as keys: Ctrl-C, Ctrl-D, Ctrl-U, Ctrl-Z, ESC, Tab")
    func pastedControlsAreInert() {
        let result = feed(
            "ab" + pasteStart + "c\u{03}\u{04}\u{15}\u{1A}\u{0C}\u{7F}\u{1B}[D\u{1B}[2\td"
                + pasteEnd
                + "!")
        #expect(result.events == [.pasted(lineCount: 1, wasCut: false)])
        // The ESC of a sequence that is not the end marker is dropped; the rest is text.
        #expect(result.editor.state.text == "abc[D[2 d!")
    }

    @Test("a paste may be split anywhere, even inside its markers and UTF-8 sequences")
    func pasteSplitAnywhere() {
        let script = "x" + pasteStart + "héllo\r\nwörld 👍🏽" + pasteEnd + "\u{1B}[D"
        let whole = feed(script)
        for size in [1, 2, 3, 5, 7] {
            let split = feed(script, chunkSize: size)
            #expect(split.events == whole.events)
            #expect(split.editor.state == whole.editor.state)
        }
        #expect(whole.editor.state.text == "xhéllo\nwörld 👍🏽")
        #expect(whole.editor.state.cursor == whole.editor.state.text.count - 1)
    }

    @Test("a paste is inserted at the cursor and respects the line limit with a bell")
    func pasteAtCursorAndLimit() {
        let inside = feed("ad\u{1B}[D" + pasteStart + "bc" + pasteEnd)
        #expect(inside.editor.state == LineEditorState(text: "abcd", cursor: 3))
        let full = feed(pasteStart + "abcdef" + pasteEnd, editor: LineEditor(maximumLineBytes: 4))
        #expect(full.editor.state.text == "abcd")
        #expect(full.events == [.bell, .pasted(lineCount: 1, wasCut: true)], "one bell, not two")
        let next = feed(
            pasteStart + "ab" + pasteEnd + pasteStart + "c" + pasteEnd,
            editor: LineEditor(maximumLineBytes: 4))
        #expect(
            next.events == [
                .pasted(lineCount: 1, wasCut: false), .pasted(lineCount: 1, wasCut: false),
            ]
        )
    }

    @Test("a lone paste end marker outside a paste is ignored")
    func strayPasteEnd() {
        let result = feed("a" + pasteEnd + "b")
        #expect(result.events.isEmpty)
        #expect(result.editor.state.text == "ab")
    }

    @Test("Alt-b/Alt-f and Ctrl- or Alt-Left/Right move by word; Alt-Backspace deletes one")
    func wordMoves() {
        let text = "one two  three"
        var result = feed(text + "\u{1B}b")
        #expect(result.editor.state.cursor == 9)
        result = feed(text + "\u{1B}b\u{1B}b")
        #expect(result.editor.state.cursor == 4)
        result = feed(text + "\u{1B}[H\u{1B}f")
        #expect(result.editor.state.cursor == 3)
        result = feed(text + "\u{1B}[H\u{1B}f\u{1B}f")
        #expect(result.editor.state.cursor == 7)
        result = feed(text + "\u{1B}[1;5D\u{1B}[1;3D")
        #expect(result.editor.state.cursor == 4)
        result = feed(text + "\u{1B}[H\u{1B}[1;5C")
        #expect(result.editor.state.cursor == 3)
        result = feed(text + "\u{1B}\u{7F}")
        #expect(result.editor.state == LineEditorState(text: "one two  ", cursor: 9))
        // Shift-Left (modifier 2) is still a plain Left.
        result = feed(text + "\u{1B}[1;2D")
        #expect(result.editor.state.cursor == text.count - 1)
    }

    @Test(
        "Ctrl-Z asks to suspend, Ctrl-L to redraw and Alt-a for the next activity; the line is kept"
    )
    func suspendAndRedraw() {
        let result = feed("hi\u{1A}\u{0C}\u{1B}a")
        #expect(result.events == [.suspend, .redraw, .nextActivity])
        #expect(result.editor.state == LineEditorState(text: "hi", cursor: 2))
    }

    @Test("Tab completes the word before the cursor with what the caller offers")
    func tabCompletes() {
        var requests: [LineCompletionRequest] = []
        let result = feed("say al\t") { request in
            requests.append(request)
            return ["alice ", "albert "]
        }
        #expect(requests == [LineCompletionRequest(word: "al", isFirstWord: false)])
        #expect(result.editor.state == LineEditorState(text: "say alice ", cursor: 10))
        let first = feed("  /jo\t") { request in
            #expect(request == LineCompletionRequest(word: "/jo", isFirstWord: true))
            return ["/join "]
        }
        #expect(first.editor.state.text == "  /join ")
    }

    @Test("Tab again cycles the candidates; another key ends the cycle")
    func tabCycles() {
        let names = { (_: LineCompletionRequest) in ["alice: ", "albert: ", "alma: "] }
        #expect(feed("al\t\t", candidates: names).editor.state.text == "albert: ")
        #expect(feed("al\t\t\t\t", candidates: names).editor.state.text == "alice: ")
        let ended = feed(
            "al\tx\t",
            candidates: { request in
                request.word == "al" ? ["alice "] : []
            })
        #expect(ended.editor.state.text == "alice x")
        #expect(ended.events == [.bell])
    }

    @Test("Tab completes in the middle of the line and keeps what follows")
    func tabInTheMiddle() {
        let result = feed("hi bo there\u{1B}b\u{1B}[D\t") { _ in ["bob "] }
        #expect(result.editor.state == LineEditorState(text: "hi bob  there", cursor: 7))
    }

    @Test("Tab with no candidate rings the bell; candidates with control characters are refused")
    func tabWithoutCandidates() {
        let result = feed("zz\t") { _ in ["z\u{1B}[2J", ""] }
        #expect(result.events == [.bell])
        #expect(result.editor.state.text == "zz")
        #expect(feed("zz\t").events == [.bell])
    }

    @Test("splitting input with pastes, Tab and word keys anywhere gives the same result")
    func splittingDoesNotMatter() {
        let script =
            "ab \u{1B}b\u{1B}f\u{1B}f" + pasteStart + "p\u{1B}[20q\r\n" + pasteEnd
            + "c\t\t\u{1B}[1;5D\r"
        let names = { (_: LineCompletionRequest) in ["carol ", "cat "] }
        let whole = feed(script, candidates: names)
        for size in [1, 2, 3, 4] {
            let split = feed(script, chunkSize: size, candidates: names)
            #expect(split.events == whole.events)
            #expect(split.editor.state == whole.editor.state)
        }
        #expect(whole.events == [.pasted(lineCount: 2, wasCut: false), .submit("ab p[20q\ncat ")])
    }

    @Test("the renderer shows a pasted line break as ⏎, one column, cursor after it")
    func lineBreakMark() {
        let renderer = LineEditorRenderer(prompt: "> ")
        let output = renderer.redraw(state: LineEditorState(text: "a\nb", cursor: 2), width: 40)
        #expect(output == "\r> a⏎b\u{1B}[0K\r\u{1B}[4C")
    }
}
