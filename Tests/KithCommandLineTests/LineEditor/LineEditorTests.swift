import KithCommandLine
import Testing

/// Feeds `input` to a fresh editor in pieces of `chunkSize` bytes (whole input when nil).
private func run(
    _ input: [UInt8], chunkSize: Int? = nil, editor: LineEditor = LineEditor()
) -> (events: [LineEditorEvent], editor: LineEditor) {
    var editor = editor
    var events: [LineEditorEvent] = []
    let size = max(chunkSize ?? input.count, 1)
    var start = 0
    while start < input.count {
        let end = min(start + size, input.count)
        events += editor.feed(Array(input[start..<end]))
        start = end
    }
    return (events, editor)
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private let escape = "\u{1B}"
private let left = "\u{1B}[D"
private let right = "\u{1B}[C"
private let up = "\u{1B}[A"
private let down = "\u{1B}[B"

@Suite("LineEditor")
struct LineEditorTests {
    @Test(
        "feeding byte by byte, in small chunks and all at once gives the same result",
        arguments: [
            "héllo wörld\r",
            "日本語 👍🏽 e\u{301}\u{1B}[D\u{1B}[D\u{7F}x\r",
            "abc\u{1B}OD\u{1B}[1~X\u{1B}[4~Y\u{1B}[3~\u{1B}[H\u{1B}[3~\n",
            "one\rtwo\r\n\u{1B}[A\u{1B}[A\u{1B}[B!\r",
            "a b  c\u{17}\u{17}\u{1B}[99;5Z\u{1B}xq\u{03}\u{04}",
            "🇫🇷🇩🇪\u{1B}[D\u{7F}\u{0B}\u{15}",
            "one\rtwo\rtoné\r\u{12}o\u{12}n\u{7F}\u{12}\u{1B}[Cx\r\u{12}zz\u{07}\u{12}t\r",
        ])
    func splittingDoesNotMatter(script: String) {
        let input = bytes(script)
        let whole = run(input)
        for size in [1, 2, 3, 5] {
            let split = run(input, chunkSize: size)
            #expect(split.events == whole.events)
            #expect(split.editor.state == whole.editor.state)
            #expect(split.editor.history == whole.editor.history)
        }
    }

    @Test("a UTF-8 sequence split across calls is decoded once complete")
    func splitUTF8() {
        var editor = LineEditor()
        let euro = bytes("€")  // E2 82 AC
        #expect(editor.feed([euro[0]]).isEmpty)
        #expect(editor.state.text.isEmpty)
        _ = editor.feed([euro[1]])
        #expect(editor.state.text.isEmpty)
        _ = editor.feed([euro[2]])
        #expect(editor.state == LineEditorState(text: "€", cursor: 1))
    }

    @Test("invalid UTF-8 is dropped and the byte that broke a sequence still counts")
    func invalidUTF8() {
        let result = run([0xE2, 0x82, UInt8(ascii: "a"), 0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x62])
        #expect(result.editor.state.text == "ab")
        let interrupted = run([0xE2, 0x0D])
        #expect(interrupted.events == [.submit("")])
    }

    @Test("combining marks join the character before them; backspace removes the cluster")
    func graphemes() {
        var result = run(bytes("e\u{301}"))
        #expect(result.editor.state == LineEditorState(text: "e\u{301}", cursor: 1))
        result = run(bytes("ae\u{301}\u{7F}"))
        #expect(result.editor.state == LineEditorState(text: "a", cursor: 1))
        result = run(bytes("👍🏽x\(left)\(left)\u{7F}"))
        #expect(result.editor.state == LineEditorState(text: "👍🏽x", cursor: 0))
    }

    @Test("Enter (CR, LF or CR LF) submits once and empties the line")
    func enter() {
        #expect(run(bytes("hi\r")).events == [.submit("hi")])
        #expect(run(bytes("hi\n")).events == [.submit("hi")])
        #expect(run(bytes("hi\r\nyo\r\r")).events == [.submit("hi"), .submit("yo"), .submit("")])
        #expect(run(bytes("hi\n\n")).events == [.submit("hi"), .submit("")])
        #expect(run(bytes("hi\r")).editor.state == LineEditorState())
    }

    @Test("cursor movement keys")
    func movement() {
        let cases: [(String, Int)] = [
            ("abc\(left)", 2), ("abc\(left)\(left)\(left)\(left)", 0),
            ("abc\u{1B}ODX", 3), ("abc\u{01}", 0), ("abc\u{01}\u{05}", 3),
            ("abc\u{1B}[H", 0), ("abc\u{1B}[1~", 0), ("abc\u{1B}[7~", 0),
            ("abc\u{01}\u{1B}[F", 3), ("abc\u{01}\u{1B}[4~", 3), ("abc\u{01}\u{1B}[8~", 3),
            ("abc\u{01}\(right)\(right)", 2), ("abc\u{01}\u{1B}OC", 1), ("abc\(right)", 3),
            ("abc\u{02}", 2), ("abc\u{01}\u{06}", 1), ("abc\u{1B}OH", 0),
        ]
        for (script, cursor) in cases {
            let text = script.hasSuffix("X") ? "abXc" : "abc"
            let cursorAfter = script.hasSuffix("X") ? 3 : cursor
            #expect(
                run(bytes(script)).editor.state == LineEditorState(text: text, cursor: cursorAfter),
                "\(script.debugDescription)")
        }
    }

    @Test("deleting keys")
    func deleting() {
        let cases: [(String, LineEditorState)] = [
            ("abc\u{7F}", LineEditorState(text: "ab", cursor: 2)),
            ("abc\u{08}", LineEditorState(text: "ab", cursor: 2)),
            ("abc\u{01}\u{7F}", LineEditorState(text: "abc", cursor: 0)),
            ("abc\(left)\u{1B}[3~", LineEditorState(text: "ab", cursor: 2)),
            ("abc\u{1B}[3~", LineEditorState(text: "abc", cursor: 3)),
            ("abcd\(left)\(left)\u{15}", LineEditorState(text: "cd", cursor: 0)),
            ("abcd\(left)\(left)\u{0B}", LineEditorState(text: "ab", cursor: 2)),
            ("one two  \u{17}", LineEditorState(text: "one ", cursor: 4)),
            ("one two\(left)\u{17}", LineEditorState(text: "one o", cursor: 4)),
            ("one\u{17}\u{17}", LineEditorState(text: "", cursor: 0)),
            ("ab\(left)\(left)\u{04}", LineEditorState(text: "b", cursor: 0)),
            ("ab\u{04}", LineEditorState(text: "ab", cursor: 2)),
        ]
        for (script, expected) in cases {
            let result = run(bytes(script))
            #expect(result.editor.state == expected, "\(script.debugDescription)")
            #expect(result.events.isEmpty)
        }
    }

    @Test("Ctrl-C clears a non-empty line; on an empty line it asks to quit")
    func controlC() {
        let busy = run(bytes("draft\u{03}"))
        #expect(busy.events == [.interrupt(lineWasEmpty: false)])
        #expect(busy.editor.state == LineEditorState())
        #expect(busy.editor.history.isEmpty)
        #expect(run([0x03]).events == [.interrupt(lineWasEmpty: true)])
    }

    @Test("Ctrl-D ends input only on an empty line")
    func controlD() {
        #expect(run([0x04]).events == [.endOfInput])
        #expect(run(bytes("x\u{04}")).events.isEmpty)
        #expect(run(bytes("x\u{7F}\u{04}")).events == [.endOfInput])
    }

    @Test("unknown escape sequences, other Alt+keys and stray controls are ignored")
    func ignored() {
        let script =
            "a\u{1B}[15;2~\u{1B}[1;5P\u{1B}xz\u{1B}\u{1B}[D\u{1B}OZ\u{07}\u{00}c"
        let result = run(bytes(script))
        #expect(result.events.isEmpty)
        // ESC x (Alt-x) was dropped but "z" typed; ESC ESC [ D moved left before "c" was typed.
        #expect(result.editor.state == LineEditorState(text: "acz", cursor: 2))
        let overlong = run(bytes("\u{1B}[" + String(repeating: "1;", count: 100) + "Dq"))
        #expect(overlong.editor.state == LineEditorState(text: "q", cursor: 1))
        let c1 = run(bytes("a\u{9B}b"))
        #expect(c1.editor.state.text == "ab")
    }

    @Test("history: Up/Down browse submitted lines and bring back the draft")
    func history() {
        var editor = run(bytes("first\rsecond\r\rsecond\r")).editor
        #expect(editor.history == ["first", "second"])
        _ = editor.feed(bytes("dra"))
        _ = editor.feed(bytes(up))
        #expect(editor.state == LineEditorState(text: "second", cursor: 6))
        _ = editor.feed(bytes(up + up + up))
        #expect(editor.state.text == "first")
        _ = editor.feed(bytes(down))
        #expect(editor.state.text == "second")
        _ = editor.feed(bytes(down))
        #expect(editor.state == LineEditorState(text: "dra", cursor: 3))
        _ = editor.feed(bytes(down))
        #expect(editor.state.text == "dra")
        _ = editor.feed(bytes("\u{15}\u{10}!\r"))
        #expect(editor.history == ["first", "second", "second!"])
        _ = editor.feed(bytes("\u{10}\u{10}\u{0E}"))
        #expect(editor.state.text == "second!")
    }

    @Test("history is bounded and keeps the newest lines")
    func historyBound() {
        var editor = LineEditor(maximumHistory: 3, history: ["a", "", "b"])
        #expect(editor.history == ["a", "b"])
        for line in ["c", "d", "e"] { _ = editor.feed(bytes(line + "\r")) }
        #expect(editor.history == ["c", "d", "e"])
    }

    @Test("the line is bounded in bytes; refused input rings the bell")
    func lineBound() {
        var editor = LineEditor(maximumLineBytes: 5)
        #expect(editor.feed(bytes("abcd")).isEmpty)
        #expect(editor.feed(bytes("€")) == [.bell])
        #expect(editor.feed(bytes("ef")) == [.bell])
        #expect(editor.state == LineEditorState(text: "abcde", cursor: 5))
        #expect(editor.feed(bytes("\u{7F}\r")) == [.submit("abcd")])
        let big = run(Array(repeating: UInt8(ascii: "x"), count: 5000))
        #expect(big.editor.state.text.utf8.count == 4096)
        #expect(big.events == Array(repeating: .bell, count: 904))
    }
}
