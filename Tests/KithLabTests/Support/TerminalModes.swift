import Glibc

/// The line discipline settings of a terminal that tests care about (from `tcgetattr`).
struct TerminalModes: Equatable, Sendable, CustomStringConvertible {
    /// `ICANON`: input is read line by line (cooked mode).
    var isCanonical: Bool
    /// `ECHO`: typed characters are echoed.
    var echoes: Bool
    /// `ISIG`: Ctrl-C, Ctrl-Z and Ctrl-\ send signals.
    var sendsSignals: Bool
    /// `ICRNL`: a typed CR arrives as LF.
    var mapsReturnToNewline: Bool

    /// Reads the flags out of `attributes`.
    init(_ attributes: termios) {
        isCanonical = attributes.c_lflag & tcflag_t(ICANON) != 0
        echoes = attributes.c_lflag & tcflag_t(ECHO) != 0
        sendsSignals = attributes.c_lflag & tcflag_t(ISIG) != 0
        mapsReturnToNewline = attributes.c_iflag & tcflag_t(ICRNL) != 0
    }

    /// What a terminal is in before any program changes it, and after a program restores it.
    var isCooked: Bool { isCanonical && echoes && sendsSignals && mapsReturnToNewline }

    var description: String {
        "icanon \(isCanonical), echo \(echoes), isig \(sendsSignals), icrnl \(mapsReturnToNewline)"
    }
}
