/// The bytes a terminal in raw mode sends for keys that are not printable characters, named
/// after the key (Ctrl-U arrives as 0x15), and the byte ranges of ECMA-48 control sequences.
enum TerminalByte {
    /// Ctrl-A: move to the start of the line.
    static let ctrlA: UInt8 = 0x01
    /// Ctrl-B: move one character left.
    static let ctrlB: UInt8 = 0x02
    /// Ctrl-C: interrupt (clear the line, or end the chat on an empty one).
    static let ctrlC: UInt8 = 0x03
    /// Ctrl-D: end of input on an empty line, otherwise delete forward.
    static let ctrlD: UInt8 = 0x04
    /// Ctrl-E: move to the end of the line.
    static let ctrlE: UInt8 = 0x05
    /// Ctrl-F: move one character right.
    static let ctrlF: UInt8 = 0x06
    /// Ctrl-G: cancel a reverse search.
    static let ctrlG: UInt8 = 0x07
    /// Ctrl-H, the backspace some terminals send instead of DEL.
    static let backspace: UInt8 = 0x08
    /// Tab (Ctrl-I): complete.
    static let tab: UInt8 = 0x09
    /// Line feed (Ctrl-J).
    static let lineFeed: UInt8 = 0x0A
    /// Ctrl-K: delete to the end of the line.
    static let ctrlK: UInt8 = 0x0B
    /// Ctrl-L: redraw the screen.
    static let ctrlL: UInt8 = 0x0C
    /// Carriage return (Enter, Ctrl-M).
    static let carriageReturn: UInt8 = 0x0D
    /// Ctrl-N: the next history line.
    static let ctrlN: UInt8 = 0x0E
    /// Ctrl-P: the previous history line.
    static let ctrlP: UInt8 = 0x10
    /// Ctrl-R: reverse search through the history (again: an older match).
    static let ctrlR: UInt8 = 0x12
    /// Ctrl-U: delete to the start of the line.
    static let ctrlU: UInt8 = 0x15
    /// Ctrl-W: delete the previous word.
    static let ctrlW: UInt8 = 0x17
    /// Ctrl-Z: suspend.
    static let ctrlZ: UInt8 = 0x1A
    /// Escape: the start of an escape or control sequence, or Alt with the next key.
    static let escape: UInt8 = 0x1B
    /// DEL, what most terminals send for Backspace.
    static let delete: UInt8 = 0x7F
    /// The printable ASCII characters, space to tilde.
    static let printable: ClosedRange<UInt8> = 0x20...0x7E
    /// The first byte that is not ASCII: from here on, a byte belongs to a UTF-8 sequence.
    static let firstNonASCII: UInt8 = 0x80
    /// The parameter and intermediate bytes of a control sequence (ECMA-48 5.4).
    static let controlSequenceParameters: ClosedRange<UInt8> = 0x20...0x3F
    /// The final byte of a control sequence (ECMA-48 5.4).
    static let controlSequenceFinal: ClosedRange<UInt8> = 0x40...0x7E
}
