extension LineEditor {
    /// The bytes that end a bracketed paste: `ESC [ 201 ~`.
    static let pasteEndMarker: [UInt8] = Array("\u{1B}[201~".utf8)

    /// Handles one byte inside a bracketed paste: text only, never a key. CR, LF and CR LF
    /// become one line break, a tab a space; other control bytes are dropped. The end marker
    /// leaves paste mode and reports how many lines the input holds.
    mutating func handlePasted(_ byte: UInt8, into events: inout [LineEditorEvent]) {
        let matched = pasteEndMatched ?? 0
        if byte == Self.pasteEndMarker[matched] {
            if matched + 1 == Self.pasteEndMarker.count {
                pasteEndMatched = nil
                lastByteWasCarriageReturn = false
                events.append(.pasted(lineCount: state.lineCount, wasCut: pasteWasCut))
            } else {
                pasteEndMatched = matched + 1
            }
            return
        }
        pasteEndMatched = 0
        if matched > 0 {
            // Not the end after all: what was held back is text (less the ESC, a control).
            for held in Self.pasteEndMarker[1..<matched] { pasteText(held, into: &events) }
            if byte == Self.pasteEndMarker[0] {
                pasteEndMatched = 1
                return
            }
        }
        pasteText(byte, into: &events)
    }

    /// One byte of pasted text; a refusal (the line is full) is remembered, not rung again
    /// and again.
    private mutating func pasteText(_ byte: UInt8, into events: inout [LineEditorEvent]) {
        var added: [LineEditorEvent] = []
        pasteCharacter(byte, into: &added)
        if added.contains(.bell) {
            if !pasteWasCut { events.append(.bell) }
            pasteWasCut = true
        }
    }

    private mutating func pasteCharacter(_ byte: UInt8, into events: inout [LineEditorEvent]) {
        let followsCarriageReturn = lastByteWasCarriageReturn
        lastByteWasCarriageReturn = false
        if byte >= TerminalByte.firstNonASCII || decoder.isInsideSequence {
            switch decoder.feed(byte) {
            case .scalar(let scalar): insert(scalar, into: &events)
            case .none: break
            case .interruptedBy(let other): pasteCharacter(other, into: &events)
            }
            return
        }
        switch byte {
        case TerminalByte.carriageReturn:
            lastByteWasCarriageReturn = true
            insert("\n", allowingLineBreak: true, into: &events)
        case TerminalByte.lineFeed:
            if !followsCarriageReturn { insert("\n", allowingLineBreak: true, into: &events) }
        case TerminalByte.tab: insert(" ", into: &events)
        case TerminalByte.printable: insert(Unicode.Scalar(byte), into: &events)
        default: break
        }
    }
}
