import Glibc

/// The size of a pseudo-terminal's window in character cells.
struct TerminalWindowSize: Equatable, Sendable, CustomStringConvertible {
    /// Columns.
    var columns: Int
    /// Rows.
    var rows: Int

    /// 100 columns by 30 rows.
    static let standard = TerminalWindowSize(columns: 100, rows: 30)

    var description: String { "\(columns)x\(rows)" }

    /// The C structure for `TIOCSWINSZ` (each side clamped to 1...65535).
    var cValue: winsize {
        winsize(
            ws_row: UInt16(clamping: max(rows, 1)), ws_col: UInt16(clamping: max(columns, 1)),
            ws_xpixel: 0, ws_ypixel: 0)
    }
}
