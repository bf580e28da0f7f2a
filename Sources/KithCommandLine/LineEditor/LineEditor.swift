/// A pure line editor: feed it raw terminal bytes, read back events and the edited line.
///
/// It does no IO. The caller reads bytes from a terminal in raw mode (``RawTerminal``), calls
/// ``feed(_:)``, acts on the returned events, and redraws with ``LineEditorRenderer`` whenever
/// ``state`` changed. UTF-8 sequences and escape sequences may be split across calls: feeding
/// bytes one at a time or all at once gives the same events and state.
///
/// Keys: Enter (CR or LF; LF right after CR is ignored) submits; Backspace (0x7F, 0x08) deletes
/// the character before the cursor; Ctrl-A/Ctrl-E or Home/End move to the start/end; Ctrl-B/
/// Ctrl-F or Left/Right move by one character; Ctrl-U kills to the start; Ctrl-K kills to the end;
/// Ctrl-W deletes the previous word; Delete deletes the character under the cursor; Up/Down
/// (and Ctrl-P/Ctrl-N) browse the history; Ctrl-C interrupts; Ctrl-D ends input on an empty
/// line and deletes forward otherwise; Alt-b/Alt-f (and Ctrl- or Alt-Left/Right) move by word;
/// Alt-Backspace deletes the previous word; Alt-a asks to go to the next channel with activity
/// (an event); Tab completes the word before the cursor (see
/// ``feed(_:completions:)``), and Tab again cycles through the candidates; Ctrl-Z asks to
/// suspend and Ctrl-L to redraw (events); Ctrl-R searches the history backwards (see below).
/// Other control bytes and unknown escape sequences are
/// ignored. A lone ESC waits for the next byte and both are ignored (other Alt+keys).
///
/// Bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`): what is pasted is inserted as text, never
/// as keys. Line breaks in it become `\n` in the text (the renderer shows them as `⏎`), tabs
/// become spaces, other control bytes are dropped; Enter then submits everything as one text.
///
/// Reverse incremental search (Ctrl-R), as in bash: the prompt becomes
/// `(reverse-i-search)'text': ` and the line shown is the newest history line holding what is
/// typed, the cursor on the match. Ctrl-R again finds an older one (on an empty query: the last
/// search's text); Backspace shortens the text; Esc, Ctrl-G and Ctrl-C cancel and restore the
/// line; Enter posts the line found; other keys (arrows, Ctrl-A/E, Tab…) keep it for editing
/// and then act as usual. A lone Esc is only known as such after a pause: see
/// ``escapeTimedOut()``.
public struct LineEditor: Sendable {
    /// The most UTF-8 bytes the line may hold; input beyond it is refused with a bell.
    public let maximumLineBytes: Int
    /// The text and cursor.
    public internal(set) var state = LineEditorState()
    /// Submitted lines, oldest first (bounded).
    public var history: [String] { lineHistory.lines }

    private var lineHistory: LineHistory
    var decoder = UTF8StreamDecoder()
    var escapeParser = EscapeSequenceParser()
    var lastByteWasCarriageReturn = false
    /// Inside a bracketed paste: how many bytes of its end marker were seen (nil outside one).
    var pasteEndMatched: Int?
    /// Whether some of the current paste did not fit.
    var pasteWasCut = false
    /// The completion Tab made last, while no other input came since.
    var completion: CompletionCycle?
    /// The reverse search under way (Ctrl-R), if any.
    var reverseSearch: ReverseSearch?
    /// What the last reverse search looked for: Ctrl-R Ctrl-R looks for it again.
    var lastSearchQuery = ""

    /// An empty editor.
    /// - Parameters:
    ///   - maximumLineBytes: the line length limit in UTF-8 bytes (4,096 by default).
    ///   - maximumHistory: how many submitted lines Up/Down can reach (500 by default).
    ///   - history: lines from an earlier session, oldest first.
    public init(maximumLineBytes: Int = 4096, maximumHistory: Int = 500, history: [String] = []) {
        self.maximumLineBytes = max(maximumLineBytes, 0)
        lineHistory = LineHistory(maximumCount: maximumHistory, lines: history)
    }

    /// Consumes raw terminal input and returns what happened, in order.
    /// - Parameter completions: what Tab may put in place of the word before the cursor, in
    ///   order (each with what should follow it, such as a space); none by default.
    public mutating func feed(
        _ bytes: [UInt8], completions: (LineCompletionRequest) -> [String] = { _ in [] }
    ) -> [LineEditorEvent] {
        var events: [LineEditorEvent] = []
        for byte in bytes { handle(byte, completions: completions, into: &events) }
        return events
    }

    /// Whether a lone Esc may be waiting for the caller to say no more bytes came
    /// (``escapeTimedOut()``): only during a reverse search, where Esc cancels it.
    public var isWaitingAfterEscape: Bool {
        reverseSearch != nil && escapeParser.isAfterLoneEscape
    }

    /// Tells the editor that no byte followed an Esc for a while (the caller picks the delay,
    /// e.g. 100 ms): during a reverse search the Esc key was pressed alone, and cancels it.
    public mutating func escapeTimedOut() {
        guard isWaitingAfterEscape else { return }
        escapeParser.reset()
        cancelSearch()
    }

    private mutating func handle(
        _ byte: UInt8, completions: (LineCompletionRequest) -> [String],
        into events: inout [LineEditorEvent]
    ) {
        if pasteEndMatched != nil {
            handlePasted(byte, into: &events)
            return
        }
        let cycle = completion
        completion = nil
        let followsCarriageReturn = lastByteWasCarriageReturn
        lastByteWasCarriageReturn = false
        if escapeParser.isActive {
            let output = escapeParser.feed(byte)
            if reverseSearch != nil, output != .pending {
                // A key ends the search keeping the line found; Esc and an unknown sequence
                // cancel it.
                guard case .key = output else {
                    cancelSearch()
                    return
                }
                acceptSearch()
            }
            if case .key(let key) = output { apply(key, into: &events) }
            return
        }
        if byte >= TerminalByte.firstNonASCII || decoder.isInsideSequence {
            switch decoder.feed(byte) {
            case .scalar(let scalar) where reverseSearch != nil:
                extendQuery(with: scalar, into: &events)
            case .scalar(let scalar): insert(scalar, into: &events)
            case .none: break
            case .interruptedBy(let other):
                handle(other, completions: completions, into: &events)
            }
            return
        }
        if reverseSearch != nil, handleSearching(byte, into: &events) { return }
        switch byte {
        case TerminalByte.carriageReturn:
            lastByteWasCarriageReturn = true
            submit(into: &events)
        case TerminalByte.lineFeed:
            if !followsCarriageReturn { submit(into: &events) }
        case TerminalByte.escape: escapeParser.begin()
        case TerminalByte.ctrlA: moveCursor(to: 0)
        case TerminalByte.ctrlE: moveCursor(to: state.text.count)
        case TerminalByte.ctrlB: moveCursor(to: state.cursor - 1)
        case TerminalByte.ctrlF: moveCursor(to: state.cursor + 1)
        case TerminalByte.delete, TerminalByte.backspace: deleteBackward()
        case TerminalByte.ctrlU: replace(charactersIn: 0..<state.cursor, with: "")
        case TerminalByte.ctrlK: replace(charactersIn: state.cursor..<state.text.count, with: "")
        case TerminalByte.ctrlW: deletePreviousWord()
        case TerminalByte.ctrlP: apply(.up, into: &events)
        case TerminalByte.ctrlN: apply(.down, into: &events)
        case TerminalByte.tab: complete(continuing: cycle, completions: completions, into: &events)
        case TerminalByte.ctrlZ: events.append(.suspend)
        case TerminalByte.ctrlL: events.append(.redraw)
        case TerminalByte.ctrlR: startSearch()
        case TerminalByte.ctrlC:
            let wasEmpty = state.text.isEmpty
            state = LineEditorState()
            events.append(.interrupt(lineWasEmpty: wasEmpty))
        case TerminalByte.ctrlD:
            if state.text.isEmpty {
                events.append(.endOfInput)
            } else {
                deleteForward()
            }
        case TerminalByte.printable: insert(Unicode.Scalar(byte), into: &events)
        default: break
        }
    }

    private mutating func apply(_ key: EscapeKey, into events: inout [LineEditorEvent]) {
        switch key {
        case .left: moveCursor(to: state.cursor - 1)
        case .right: moveCursor(to: state.cursor + 1)
        case .home: moveCursor(to: 0)
        case .end: moveCursor(to: state.text.count)
        case .delete: deleteForward()
        case .up:
            if let line = lineHistory.older(current: state.text) { show(line) }
        case .down:
            if let line = lineHistory.newer() { show(line) }
        case .wordLeft: moveCursor(to: previousWordStart())
        case .wordRight: moveCursor(to: nextWordEnd())
        case .deleteWordBackward: deletePreviousWord()
        case .nextActivity: events.append(.nextActivity)
        case .pasteStart:
            pasteEndMatched = 0
            pasteWasCut = false
            lastByteWasCarriageReturn = false
        case .pasteEnd: break
        }
    }

    private mutating func submit(into events: inout [LineEditorEvent]) {
        let line = state.text
        lineHistory.record(line)
        state = LineEditorState()
        events.append(.submit(line))
    }

    private mutating func show(_ line: String) {
        state = LineEditorState(text: line, cursor: line.count)
    }

    mutating func moveCursor(to position: Int) {
        state.cursor = min(max(position, 0), state.text.count)
    }

    /// Inserts a character typed or pasted; control characters are refused, except a line
    /// break when `allowingLineBreak` (from a paste).
    mutating func insert(
        _ scalar: Unicode.Scalar, allowingLineBreak: Bool = false,
        into events: inout [LineEditorEvent]
    ) {
        guard !Self.isControl(scalar) || (allowingLineBreak && scalar == "\n") else { return }
        guard state.text.utf8.count + scalar.utf8.count <= maximumLineBytes else {
            events.append(.bell)
            return
        }
        let index = state.text.index(state.text.startIndex, offsetBy: state.cursor)
        let before = String(state.text[..<index]) + String(Character(scalar))
        let text = before + state.text[index...]
        // A combining mark or joiner merges with the character before it; the cursor stays
        // after what was typed.
        state = LineEditorState(text: text, cursor: before.count)
    }

    private mutating func deleteBackward() {
        guard state.cursor > 0 else { return }
        replace(charactersIn: (state.cursor - 1)..<state.cursor, with: "")
    }

    private mutating func deleteForward() {
        guard state.cursor < state.text.count else { return }
        replace(charactersIn: state.cursor..<(state.cursor + 1), with: "")
    }

    /// Deletes spaces before the cursor, then the non-space characters before those.
    private mutating func deletePreviousWord() {
        replace(charactersIn: previousWordStart()..<state.cursor, with: "")
    }

    /// Where the word before the cursor starts: back over spaces, then over non-spaces.
    private func previousWordStart() -> Int {
        let characters = Array(state.text)
        var start = state.cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        return start
    }

    /// Where the word after the cursor ends: forward over spaces, then over non-spaces.
    private func nextWordEnd() -> Int {
        let characters = Array(state.text)
        var end = state.cursor
        while end < characters.count, characters[end].isWhitespace { end += 1 }
        while end < characters.count, !characters[end].isWhitespace { end += 1 }
        return end
    }

    /// Replaces the characters at grapheme offsets `range`; the cursor goes to the end of the
    /// replacement.
    mutating func replace(charactersIn range: Range<Int>, with replacement: String) {
        guard !range.isEmpty || !replacement.isEmpty else { return }
        let text = state.text
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(lower, offsetBy: range.count)
        let before = String(text[..<lower]) + replacement
        state = LineEditorState(text: before + text[upper...], cursor: before.count)
    }

    /// C0, DEL and C1 controls never enter the line.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
