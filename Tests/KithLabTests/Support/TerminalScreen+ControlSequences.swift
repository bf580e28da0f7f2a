extension TerminalScreen {
    /// Carries out one `ESC [ ... final` sequence; ones the model does not know are skipped.
    mutating func perform(_ sequence: ControlSequence) {
        guard sequence.privateMarker == nil, sequence.intermediates.isEmpty else {
            noteSkipped(sequence.description)
            return
        }
        let count = sequence.parameter(0, default: 1)
        switch sequence.final {
        case UInt8(ascii: "A"): moveCursor(row: cursorRow - count, column: cursorColumn)
        case UInt8(ascii: "B"): moveCursor(row: cursorRow + count, column: cursorColumn)
        case UInt8(ascii: "C"): moveCursor(row: cursorRow, column: cursorColumn + count)
        case UInt8(ascii: "D"): moveCursor(row: cursorRow, column: cursorColumn - count)
        case UInt8(ascii: "E"): moveCursor(row: cursorRow + count, column: 0)
        case UInt8(ascii: "F"): moveCursor(row: cursorRow - count, column: 0)
        case UInt8(ascii: "G"): moveCursor(row: cursorRow, column: count - 1)
        case UInt8(ascii: "d"): moveCursor(row: count - 1, column: cursorColumn)
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            moveCursor(row: count - 1, column: sequence.parameter(1, default: 1) - 1)
        case UInt8(ascii: "K"):
            eraseInLine(mode: sequence.parameter(0, default: 0, zeroMeansDefault: false))
        case UInt8(ascii: "J"):
            eraseInDisplay(mode: sequence.parameter(0, default: 0, zeroMeansDefault: false))
        case UInt8(ascii: "m"):
            break  // Colours and text styles do not change the text.
        default:
            noteSkipped(sequence.description)
        }
    }

    /// `ESC[0K` cursor to end of line, `ESC[1K` start of line to cursor, `ESC[2K` whole line.
    private mutating func eraseInLine(mode: Int) {
        switch mode {
        case 0: erase(row: cursorRow, columns: cursorColumn..<columns)
        case 1: erase(row: cursorRow, columns: 0..<(cursorColumn + 1))
        case 2: erase(row: cursorRow, columns: 0..<columns)
        default: noteSkipped("ESC[\(mode)K")
        }
    }

    /// `ESC[0J` cursor to end of screen, `ESC[1J` start of screen to cursor, `ESC[2J` (and
    /// `ESC[3J`) whole screen. The cursor does not move.
    private mutating func eraseInDisplay(mode: Int) {
        switch mode {
        case 0:
            erase(row: cursorRow, columns: cursorColumn..<columns)
            for row in (cursorRow + 1)..<rows { erase(row: row, columns: 0..<columns) }
        case 1:
            for row in 0..<cursorRow { erase(row: row, columns: 0..<columns) }
            erase(row: cursorRow, columns: 0..<(cursorColumn + 1))
        case 2, 3:
            for row in 0..<rows { erase(row: row, columns: 0..<columns) }
        default:
            noteSkipped("ESC[\(mode)J")
        }
    }
}
