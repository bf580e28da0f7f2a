/// A key that arrives as an escape sequence.
enum EscapeKey: Equatable, Sendable {
    case up, down, left, right, home, end, delete
    /// Alt-b, Ctrl-Left or Alt-Left: to the start of the previous word.
    case wordLeft
    /// Alt-f, Ctrl-Right or Alt-Right: to the end of the next word.
    case wordRight
    /// Alt-Backspace: delete the previous word.
    case deleteWordBackward
    /// Alt-a: go to the next channel with activity (an event for the caller).
    case nextActivity
    /// `ESC [ 200 ~`: bracketed paste starts; what follows is text until ``pasteEnd``.
    case pasteStart
    /// `ESC [ 201 ~`: bracketed paste ends.
    case pasteEnd
}

/// Recognises the escape sequences terminals send for editing keys: CSI (`ESC [ params final`)
/// and SS3 (`ESC O final`), and the Alt keys `ESC b`, `ESC f`, `ESC a` and `ESC DEL`. Unknown or overlong sequences are consumed and ignored. State
/// survives between calls so sequences may be split anywhere.
struct EscapeSequenceParser: Sendable, Equatable {
    private enum Phase: Equatable {
        case escape
        case controlSequence(parameters: [UInt8])
        case singleShift
    }

    /// The longest parameter string kept; longer sequences are consumed and ignored.
    private static let maximumParameterBytes = 16

    private var phase: Phase?

    /// Whether a sequence is being parsed (the next byte belongs to the parser).
    var isActive: Bool { phase != nil }

    /// What one byte yields.
    enum Output: Equatable {
        /// The byte was consumed; no key yet.
        case pending
        /// A recognised key.
        case key(EscapeKey)
        /// The sequence finished but means nothing to the editor.
        case ignored
    }

    /// Starts a sequence (the caller saw ESC).
    mutating func begin() { phase = .escape }

    /// Whether only the ESC was seen so far: a lone Esc key, or the start of a sequence.
    var isAfterLoneEscape: Bool { phase == .escape }

    /// Forgets the sequence begun.
    mutating func reset() { phase = nil }

    /// Feeds the next byte of the open sequence.
    mutating func feed(_ byte: UInt8) -> Output {
        switch phase {
        case nil:
            return .ignored
        case .escape:
            switch byte {
            case UInt8(ascii: "["): phase = .controlSequence(parameters: [])
            case UInt8(ascii: "O"): phase = .singleShift
            case TerminalByte.escape: phase = .escape
            case UInt8(ascii: "b"):
                phase = nil
                return .key(.wordLeft)
            case UInt8(ascii: "f"):
                phase = nil
                return .key(.wordRight)
            case UInt8(ascii: "a"):
                phase = nil
                return .key(.nextActivity)
            case TerminalByte.delete, TerminalByte.backspace:
                phase = nil
                return .key(.deleteWordBackward)
            default:
                // Other Alt+keys and a lone ESC followed by a key: both ignored.
                phase = nil
                return .ignored
            }
            return .pending
        case .singleShift:
            phase = nil
            return Self.letterKey(byte).map(Output.key) ?? .ignored
        case .controlSequence(var parameters):
            switch byte {
            case TerminalByte.controlSequenceParameters:
                if parameters.count < Self.maximumParameterBytes { parameters.append(byte) }
                phase = .controlSequence(parameters: parameters)
                return .pending
            case TerminalByte.controlSequenceFinal:
                phase = nil
                if byte == UInt8(ascii: "~") {
                    return Self.tildeKey(parameters).map(Output.key) ?? .ignored
                }
                let key = Self.letterKey(byte)
                if Self.hasWordModifier(parameters) {
                    if key == .left { return .key(.wordLeft) }
                    if key == .right { return .key(.wordRight) }
                }
                return key.map(Output.key) ?? .ignored
            default:
                phase = nil
                return .ignored
            }
        }
    }

    /// `A`…`F`, `H` finals (modifier parameters such as `1;5` are ignored).
    private static func letterKey(_ byte: UInt8) -> EscapeKey? {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        default: nil
        }
    }

    /// `ESC [ n ~` keys: 1/7 home, 4/8 end, 3 delete, 200/201 paste start/end.
    private static func tildeKey(_ parameters: [UInt8]) -> EscapeKey? {
        switch fields(parameters).first {
        case "1", "7": return .home
        case "4", "8": return .end
        case "3": return .delete
        case "200": return .pasteStart
        case "201": return .pasteEnd
        default: return nil
        }
    }

    /// Whether a `1;m` modifier parameter says Ctrl or Alt (xterm: 3 Alt, 5 Ctrl, 7 both).
    private static func hasWordModifier(_ parameters: [UInt8]) -> Bool {
        let fields = fields(parameters)
        guard fields.count == 2 else { return false }
        return ["3", "5", "7"].contains(fields[1])
    }

    /// The `;`-separated fields of a parameter string.
    private static func fields(_ parameters: [UInt8]) -> [String] {
        parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
