import Testing

/// The terminal screen model used by the pseudo-terminal tests: pure, no terminal needed.
@Suite("Terminal screen model")
struct TerminalScreenTests {
    private func screen(_ output: String, columns: Int = 20, rows: Int = 5) -> TerminalScreen {
        var screen = TerminalScreen(columns: columns, rows: rows)
        screen.feed(output)
        return screen
    }

    @Test("printable text lands at the cursor, which moves after it")
    func printableText() {
        let screen = screen("hello")
        #expect(screen.lines == ["hello", "", "", "", ""])
        #expect(screen.cursorRow == 0)
        #expect(screen.cursorColumn == 5)
        #expect(screen.lastNonEmptyLine == "hello")
    }

    @Test("CR returns to column 0 and overwrites; LF goes down without returning")
    func carriageReturnAndLineFeed() {
        let screen = screen("abcdef\rXY\nZ")
        #expect(screen.lines.prefix(2) == ["XYcdef", "  Z"])
        #expect(screen.cursorRow == 1)
        #expect(screen.cursorColumn == 3)
    }

    @Test("BS moves left without erasing and stops at column 0")
    func backspace() {
        let screen = screen("ab\u{08}\u{08}\u{08}c")
        #expect(screen.line(0) == "cb")
        #expect(screen.cursorColumn == 1)
    }

    @Test("text wraps at the width only when the next character comes, like xterm")
    func wrapsAtTheWidth() {
        var screen = screen("0123456789", columns: 10)
        #expect(screen.lines.prefix(2) == ["0123456789", ""])
        #expect(screen.cursorRow == 0)
        #expect(screen.cursorColumn == 9)
        screen.feed("ab")
        #expect(screen.lines.prefix(2) == ["0123456789", "ab"])
        #expect(screen.cursorRow == 1)
        #expect(screen.cursorColumn == 2)

        // A CR in the pending-wrap state stays on the line.
        var rewritten = self.screen("0123456789\rX", columns: 10)
        #expect(rewritten.line(0) == "X123456789")
        rewritten.feed("\r\n")
        #expect(rewritten.cursorRow == 1)
    }

    @Test("a line feed on the bottom row scrolls the top row into the scrollback")
    func scrollsIntoScrollback() {
        let screen = screen("one\r\ntwo\r\nthree\r\nfour", columns: 10, rows: 2)
        #expect(screen.scrollback == ["one", "two"])
        #expect(screen.lines == ["three", "four"])
        #expect(screen.allLines == ["one", "two", "three", "four"])
        #expect(screen.cursorRow == 1)
    }

    @Test("cursor moves: ESC[nA/B/C/D with a default of 1, clamped to the screen")
    func relativeCursorMoves() {
        var screen = screen("\u{1B}[2B\u{1B}[5C", columns: 10, rows: 4)
        #expect(screen.cursorRow == 2)
        #expect(screen.cursorColumn == 5)
        screen.feed("\u{1B}[A\u{1B}[D")
        #expect(screen.cursorRow == 1)
        #expect(screen.cursorColumn == 4)
        screen.feed("\u{1B}[0C")  // 0 counts as 1
        #expect(screen.cursorColumn == 5)
        screen.feed("\u{1B}[99C\u{1B}[99B")
        #expect(screen.cursorColumn == 9)
        #expect(screen.cursorRow == 3)
        screen.feed("\u{1B}[99D\u{1B}[99A")
        #expect(screen.cursorColumn == 0)
        #expect(screen.cursorRow == 0)
    }

    @Test("absolute moves: ESC[nG column, ESC[r;cH position (1-based), ESC[H home")
    func absoluteCursorMoves() {
        var screen = screen("\u{1B}[3;7H", columns: 10, rows: 5)
        #expect(screen.cursorRow == 2)
        #expect(screen.cursorColumn == 6)
        screen.feed("\u{1B}[2G")
        #expect(screen.cursorColumn == 1)
        #expect(screen.cursorRow == 2)
        screen.feed("\u{1B}[H")
        #expect(screen.cursorRow == 0)
        #expect(screen.cursorColumn == 0)
        screen.feed("\u{1B}[;4Hx")
        #expect(screen.line(0) == "   x")
    }

    @Test("ESC[K erases to the end, ESC[1K to the start, ESC[2K the whole line")
    func eraseInLine() {
        #expect(screen("abcdef\r\u{1B}[3C\u{1B}[K").line(0) == "abc")
        #expect(screen("abcdef\r\u{1B}[3C\u{1B}[0K").line(0) == "abc")
        #expect(screen("abcdef\r\u{1B}[3C\u{1B}[1K").line(0) == "    ef")
        let cleared = screen("abcdef\u{1B}[2K")
        #expect(cleared.line(0) == "")
        #expect(cleared.cursorColumn == 6)
    }

    @Test("ESC[J erases below, ESC[1J above, ESC[2J everything; the cursor stays")
    func eraseInDisplay() {
        let text = "111\r\n222\r\n333\u{1B}[2;2H"
        #expect(screen(text + "\u{1B}[J", rows: 3).lines == ["111", "2", ""])
        #expect(screen(text + "\u{1B}[1J", rows: 3).lines == ["", "  2", "333"])
        let all = screen(text + "\u{1B}[2J", rows: 3)
        #expect(all.lines == ["", "", ""])
        #expect(all.cursorRow == 1)
        #expect(all.cursorColumn == 1)
    }

    @Test("SGR colour sequences change nothing; unknown sequences are skipped and listed")
    func ignoredSequences() {
        let screen = screen("\u{1B}[1;33mbold\u{1B}[0m \u{1B}[?25lx\u{1B}]0;title\u{07}y\u{1B}(Bz")
        #expect(screen.line(0) == "bold xyz")
        #expect(screen.bellCount == 0)
        #expect(screen.skippedSequences.contains("ESC[?25l"))
        #expect(screen.skippedSequences.contains("OSC string"))
    }

    @Test("BEL is counted, not shown")
    func bell() {
        let screen = screen("a\u{07}b\u{07}")
        #expect(screen.line(0) == "ab")
        #expect(screen.bellCount == 2)
    }

    @Test("UTF-8 split anywhere decodes the same; wide characters take two cells")
    func utf8SplitAnywhere() {
        let text = "é日本\u{1B}[1;33mx\u{1B}[0m"
        let whole = screen(text)
        var split = TerminalScreen(columns: 20, rows: 5)
        for byte in Array(text.utf8) {
            split.feed([byte])
        }
        #expect(whole.line(0) == "é日本x")
        #expect(whole.cursorColumn == 6)
        #expect(split.lines == whole.lines)
        #expect(split.cursorColumn == whole.cursorColumn)
        #expect(!split.isInsideSequence)
        var partial = TerminalScreen(columns: 20, rows: 5)
        partial.feed([0xE6, 0x97])
        #expect(partial.isInsideSequence)
        partial.feed([0x1B, UInt8(ascii: "[")])
        #expect(partial.isInsideSequence)
    }

    @Test("invalid UTF-8 shows replacement characters")
    func invalidUTF8() {
        var screen = TerminalScreen(columns: 10, rows: 2)
        screen.feed([0x61, 0xFF, 0x62, 0xE6, 0x63])
        #expect(screen.line(0) == "a\u{FFFD}b\u{FFFD}c")
    }

    @Test("a combining mark joins the character before it")
    func combiningMark() {
        let screen = screen("e\u{301}x")
        #expect(screen.line(0) == "e\u{301}x")
        #expect(screen.cursorColumn == 2)
    }

    @Test("the line editor's redraw and print-above sequences give prompt and message lines")
    func lineEditorSequences() {
        // LineEditorRenderer.redraw and printAbove, byte for byte as documented there.
        let redraw = "\r#general> hello wor\u{1B}[0K\r\u{1B}[19C"
        var screen = screen(redraw, columns: 40, rows: 4)
        #expect(screen.lines == ["#general> hello wor", "", "", ""])
        #expect(screen.cursorColumn == 19)
        screen.feed("\r\u{1B}[2K12:00 #general ann (abcd-1234): ping\r\n" + redraw)
        #expect(
            screen.lines == ["12:00 #general ann (abcd-1234): ping", "#general> hello wor", "", ""])
        #expect(screen.lastNonEmptyRow == 1)
        #expect(screen.cursorRow == 1)
        #expect(screen.cursorColumn == 19)
        // An empty input line keeps the prompt's written trailing space.
        screen.feed("\r#general> \u{1B}[0K\r\u{1B}[10C")
        #expect(screen.line(1) == "#general> ")
        #expect(screen.cursorColumn == 10)
    }

    @Test("resizing cuts or pads rows and scrolls when the cursor would fall off the bottom")
    func resize() {
        var screen = screen("0123456789\r\nabc\r\ndef", columns: 10, rows: 3)
        screen.resize(columns: 5, rows: 3)
        #expect(screen.lines == ["01234", "abc", "def"])
        #expect(screen.cursorColumn == 3)
        screen.resize(columns: 5, rows: 2)
        #expect(screen.scrollback == ["01234"])
        #expect(screen.lines == ["abc", "def"])
        #expect(screen.cursorRow == 1)
        screen.resize(columns: 8, rows: 4)
        #expect(screen.lines == ["abc", "def", "", ""])
        screen.feed("\u{1B}[99C")
        #expect(screen.cursorColumn == 7)
    }
}
