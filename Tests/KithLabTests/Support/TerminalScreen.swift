/// A model of a terminal's screen (a VT100/xterm subset), for tests that drive programs through a
/// pseudo-terminal and check what a person would see. Pure: feed it the program's output bytes.
///
/// Understood: printable UTF-8 (East Asian wide characters take two cells, combining marks join
/// the cell before), CR, LF (also VT and FF), BS, TAB, BEL (counted), and the control sequences
/// `ESC[nA/B/C/D` (cursor moves), `E/F` (next/previous line), `G` (column), `d` (row),
/// `H`/`f` (position), `K` (erase in line), `J` (erase in display) and `m` (colours: ignored).
/// Lines wrap at the width the way xterm does (the wrap waits for the next character); a line
/// feed on the bottom row scrolls the top row into ``scrollback``. Other sequences are skipped
/// and listed in ``skippedSequences``.
///
/// Cells never written (or erased) are blank; a line's text ends at its last written cell, so
/// `"#general> "` keeps its trailing space while an erased tail leaves none.
struct TerminalScreen: Sendable, CustomStringConvertible {
    /// One character cell.
    enum Cell: Equatable, Sendable {
        /// Never written since the last erase.
        case blank
        /// A character (with any combining marks).
        case glyph(String)
        /// The right half of a wide character.
        case continuation
    }

    /// The width in columns.
    private(set) var columns: Int
    /// The height in rows.
    private(set) var rows: Int
    /// The cursor's row, 0 at the top.
    private(set) var cursorRow = 0
    /// The cursor's column, 0 at the left.
    private(set) var cursorColumn = 0
    /// Lines scrolled off the top, oldest first.
    private(set) var scrollback: [String] = []
    /// How many times the bell rang.
    private(set) var bellCount = 0
    /// Sequences the model does not understand (skipped), in order of first appearance.
    private(set) var skippedSequences: [String] = []

    private(set) var cells: [[Cell]]
    /// True after a character was written in the last column: the next one goes to a new line.
    private var wrapPending = false
    private var parser = TerminalOutputParser()

    /// An empty screen of `columns` × `rows` (each at least 1) with the cursor at the top left.
    init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        cells = Array(
            repeating: Array(repeating: .blank, count: self.columns), count: self.rows)
    }

    // MARK: Reading the screen

    /// The visible rows, top to bottom, each up to its last written cell.
    var lines: [String] { cells.map(Self.text(of:)) }

    /// The scrollback followed by the visible rows.
    var allLines: [String] { scrollback + lines }

    /// The text of visible row `row` (empty outside the screen).
    func line(_ row: Int) -> String {
        cells.indices.contains(row) ? Self.text(of: cells[row]) : ""
    }

    /// The lowest visible row holding anything but spaces, or nil on an empty screen.
    var lastNonEmptyRow: Int? {
        lines.lastIndex { !$0.allSatisfy(\.isWhitespace) }
    }

    /// The text of ``lastNonEmptyRow``.
    var lastNonEmptyLine: String? { lastNonEmptyRow.map(line) }

    /// The line the cursor is on.
    var cursorLine: String { line(cursorRow) }

    /// True while the output fed so far ends inside a character or an escape sequence.
    var isInsideSequence: Bool { parser.isInsideSequence }

    /// The screen as text for failure messages: scrollback, then each visible row between
    /// `|` marks with `▮` at the cursor, then the cursor's position.
    var description: String {
        var text = scrollback.map { "  \($0)" }
        for (row, rowCells) in cells.enumerated() {
            var shown = rowCells
            if row == cursorRow, cursorColumn < shown.count { shown[cursorColumn] = .glyph("▮") }
            text.append("| " + Self.text(of: shown))
        }
        text.append(
            "cursor row \(cursorRow), column \(cursorColumn); \(columns)x\(rows); "
                + "bells \(bellCount); skipped \(skippedSequences)")
        return text.joined(separator: "\n")
    }

    // MARK: Feeding output

    /// Applies `bytes` written by the program.
    mutating func feed(_ bytes: some Sequence<UInt8>) {
        var tokens: [TerminalToken] = []
        for byte in bytes {
            parser.feed(byte, into: &tokens)
            for token in tokens { apply(token) }
            tokens.removeAll(keepingCapacity: true)
        }
    }

    /// Applies `text` as UTF-8.
    mutating func feed(_ text: String) {
        feed(Array(text.utf8))
    }

    /// Changes the size, like a terminal window resized without reflow: rows are cut or padded
    /// on the right; when the cursor would fall below the new bottom, top rows scroll away.
    mutating func resize(columns newColumns: Int, rows newRows: Int) {
        let newColumns = max(newColumns, 1)
        let newRows = max(newRows, 1)
        if cursorRow >= newRows {
            for _ in 0..<(cursorRow - newRows + 1) { scrollUp() }
            cursorRow = newRows - 1
        }
        cells = cells.prefix(newRows).map { row in
            row.count >= newColumns
                ? Array(row.prefix(newColumns))
                : row + Array(repeating: .blank, count: newColumns - row.count)
        }
        while cells.count < newRows { cells.append(Array(repeating: .blank, count: newColumns)) }
        columns = newColumns
        rows = newRows
        cursorColumn = min(cursorColumn, newColumns - 1)
        wrapPending = false
    }

    // MARK: Tokens

    private mutating func apply(_ token: TerminalToken) {
        switch token {
        case .character(let scalar):
            put(scalar)
        case .control(let byte):
            control(byte)
        case .controlSequence(let sequence):
            perform(sequence)
        case .skipped(let name):
            noteSkipped(name)
        }
    }

    private mutating func control(_ byte: UInt8) {
        switch byte {
        case 0x0D:
            cursorColumn = 0
            wrapPending = false
        case 0x0A, 0x0B, 0x0C:
            lineFeed()
        case 0x08:
            wrapPending = false
            cursorColumn = max(cursorColumn - 1, 0)
        case 0x09:
            wrapPending = false
            cursorColumn = min((cursorColumn / 8 + 1) * 8, columns - 1)
        case 0x07:
            bellCount += 1
        default:
            break
        }
    }

    mutating func noteSkipped(_ name: String) {
        if !skippedSequences.contains(name) { skippedSequences.append(name) }
    }

    // MARK: Cells

    private mutating func put(_ scalar: Unicode.Scalar) {
        if Self.isCombining(scalar) {
            joinToPreviousCell(scalar)
            return
        }
        let width = Self.isWide(scalar) ? 2 : 1
        if wrapPending || cursorColumn + width > columns {
            wrapPending = false
            cursorColumn = 0
            lineFeed()
        }
        clearHalves(at: cursorColumn, width: width)
        cells[cursorRow][cursorColumn] = .glyph(String(Character(scalar)))
        if width == 2 { cells[cursorRow][cursorColumn + 1] = .continuation }
        if cursorColumn + width >= columns {
            cursorColumn = columns - 1
            wrapPending = true
        } else {
            cursorColumn += width
        }
    }

    private mutating func joinToPreviousCell(_ scalar: Unicode.Scalar) {
        var column = wrapPending ? cursorColumn : cursorColumn - 1
        if column >= 0, cells[cursorRow][column] == .continuation { column -= 1 }
        guard column >= 0, case .glyph(let text) = cells[cursorRow][column] else { return }
        cells[cursorRow][column] = .glyph(text + String(Character(scalar)))
    }

    /// Writing over half of a wide character blanks its other half.
    private mutating func clearHalves(at column: Int, width: Int) {
        let row = cursorRow
        if cells[row][column] == .continuation, column > 0 { cells[row][column - 1] = .glyph(" ") }
        let end = column + width
        if end < columns, cells[row][end] == .continuation { cells[row][end] = .glyph(" ") }
    }

    mutating func lineFeed() {
        wrapPending = false
        if cursorRow == rows - 1 {
            scrollUp()
        } else {
            cursorRow += 1
        }
    }

    private mutating func scrollUp() {
        scrollback.append(Self.text(of: cells.removeFirst()))
        cells.append(Array(repeating: .blank, count: columns))
    }

    /// Blanks the cells of `row` in `range` (clamped to the width).
    mutating func erase(row: Int, columns range: Range<Int>) {
        wrapPending = false
        let clamped = range.clamped(to: 0..<columns)
        for column in clamped { cells[row][column] = .blank }
    }

    /// Moves the cursor, clamped to the screen; cancels a pending wrap.
    mutating func moveCursor(row: Int, column: Int) {
        cursorRow = min(max(row, 0), rows - 1)
        cursorColumn = min(max(column, 0), columns - 1)
        wrapPending = false
    }

    private static func text(of rowCells: [Cell]) -> String {
        guard let last = rowCells.lastIndex(where: { $0 != .blank }) else { return "" }
        var text = ""
        for cell in rowCells[...last] {
            switch cell {
            case .blank: text += " "
            case .glyph(let glyph): text += glyph
            case .continuation: continue
            }
        }
        return text
    }

    // MARK: Character widths

    private static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return scalar == "\u{200D}" || scalar == "\u{FE0F}"
        }
    }

    /// East Asian wide and fullwidth characters and emoji (the common ranges).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        wideRanges.contains { $0.contains(scalar.value) }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE6F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
}
