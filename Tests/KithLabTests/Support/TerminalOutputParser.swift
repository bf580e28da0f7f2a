/// One unit of what a program writes to its terminal, as ``TerminalScreen`` consumes it.
enum TerminalToken: Equatable, Sendable {
    /// A printable character (one Unicode scalar).
    case character(Unicode.Scalar)
    /// A C0 control byte: CR, LF, BS, BEL, TAB, ...
    case control(UInt8)
    /// A control sequence: `ESC [ parameters final`.
    case controlSequence(ControlSequence)
    /// Anything else that was recognised and skipped: `ESC x`, `ESC ( B`, an OSC string, a C1
    /// control. The text names it, for diagnostics.
    case skipped(String)
}

/// A parsed `ESC [ ... final` sequence.
struct ControlSequence: Equatable, Sendable, CustomStringConvertible {
    /// The numeric parameters in order; nil where one was left out (`ESC [ ; 5 H`).
    var parameters: [Int?]
    /// The private marker (`?`, `>`, `<`, `=`) that started the parameters, if any.
    var privateMarker: UInt8?
    /// Intermediate bytes (0x20–0x2F) before the final byte.
    var intermediates: [UInt8]
    /// The final byte (0x40–0x7E), e.g. `A` or `K`.
    var final: UInt8

    /// Parameter `index`, or `defaultValue` when it is missing or 0 and `zeroMeansDefault`.
    func parameter(_ index: Int, default defaultValue: Int, zeroMeansDefault: Bool = true) -> Int {
        guard index < parameters.count, let value = parameters[index] else { return defaultValue }
        return value == 0 && zeroMeansDefault ? defaultValue : value
    }

    var description: String {
        let marker = privateMarker.map { String(UnicodeScalar($0)) } ?? ""
        let numbers = parameters.map { $0.map(String.init) ?? "" }.joined(separator: ";")
        let tail = String(decoding: intermediates + [final], as: UTF8.self)
        return "ESC[\(marker)\(numbers)\(tail)"
    }
}

/// Splits terminal output into ``TerminalToken``s: decodes UTF-8 (invalid bytes become U+FFFD)
/// and recognises escape sequences. Pure; state survives between calls, so output may be fed in
/// pieces split anywhere, even inside a character or a sequence.
struct TerminalOutputParser: Sendable {
    private enum Phase: Sendable {
        case ground
        case escape
        case escapeIntermediate
        case controlSequence(bytes: [UInt8])
        case operatingSystemCommand(sawEscape: Bool)
    }

    /// The longest control sequence kept; longer ones are skipped.
    private static let maximumSequenceBytes = 64

    private var phase = Phase.ground
    private var pendingScalar: UInt32 = 0
    private var pendingContinuationBytes = 0

    /// An empty parser.
    init() {}

    /// True while a character or sequence is only partly fed.
    var isInsideSequence: Bool {
        if pendingContinuationBytes > 0 { return true }
        if case .ground = phase { return false }
        return true
    }

    /// Feeds `byte` and appends what it completes to `tokens`.
    mutating func feed(_ byte: UInt8, into tokens: inout [TerminalToken]) {
        switch phase {
        case .ground:
            feedGround(byte, into: &tokens)
        case .escape:
            feedEscape(byte, into: &tokens)
        case .escapeIntermediate:
            if (0x20...0x2F).contains(byte) { return }
            phase = .ground
            tokens.append(.skipped("ESC with intermediates, final \(byte)"))
        case .controlSequence(var bytes):
            if (0x40...0x7E).contains(byte) {
                phase = .ground
                tokens.append(Self.controlSequence(bytes, final: byte))
            } else if (0x20...0x3F).contains(byte) {
                if bytes.count < Self.maximumSequenceBytes { bytes.append(byte) }
                phase = .controlSequence(bytes: bytes)
            } else if byte == 0x1B {
                phase = .escape
                tokens.append(.skipped("control sequence cut by ESC"))
            } else {
                // A control byte inside a sequence acts at once (as on a VT100).
                tokens.append(.control(byte))
                phase = .controlSequence(bytes: bytes)
            }
        case .operatingSystemCommand(let sawEscape):
            if byte == 0x07 || (sawEscape && byte == UInt8(ascii: "\\")) {
                phase = .ground
                tokens.append(.skipped("OSC string"))
            } else {
                phase = .operatingSystemCommand(sawEscape: byte == 0x1B)
            }
        }
    }

    private mutating func feedGround(_ byte: UInt8, into tokens: inout [TerminalToken]) {
        if pendingContinuationBytes > 0 {
            if byte & 0xC0 == 0x80 {
                pendingScalar = pendingScalar << 6 | UInt32(byte & 0x3F)
                pendingContinuationBytes -= 1
                if pendingContinuationBytes == 0 { emitScalar(pendingScalar, into: &tokens) }
                return
            }
            // A sequence cut short: one replacement character, then the byte on its own.
            pendingContinuationBytes = 0
            tokens.append(.character("\u{FFFD}"))
        }
        switch byte {
        case 0x1B:
            phase = .escape
        case 0x00...0x1F, 0x7F:
            tokens.append(.control(byte))
        case 0x20...0x7E:
            tokens.append(.character(Unicode.Scalar(byte)))
        case 0xC2...0xDF:
            startScalar(UInt32(byte & 0x1F), continuationBytes: 1)
        case 0xE0...0xEF:
            startScalar(UInt32(byte & 0x0F), continuationBytes: 2)
        case 0xF0...0xF4:
            startScalar(UInt32(byte & 0x07), continuationBytes: 3)
        default:
            tokens.append(.character("\u{FFFD}"))
        }
    }

    private mutating func feedEscape(_ byte: UInt8, into tokens: inout [TerminalToken]) {
        switch byte {
        case UInt8(ascii: "["):
            phase = .controlSequence(bytes: [])
        case UInt8(ascii: "]"):
            phase = .operatingSystemCommand(sawEscape: false)
        case 0x20...0x2F:
            phase = .escapeIntermediate
        case 0x1B:
            phase = .escape
        default:
            phase = .ground
            tokens.append(.skipped("ESC \(String(UnicodeScalar(byte)))"))
        }
    }

    private mutating func startScalar(_ bits: UInt32, continuationBytes: Int) {
        pendingScalar = bits
        pendingContinuationBytes = continuationBytes
    }

    private func emitScalar(_ value: UInt32, into tokens: inout [TerminalToken]) {
        guard let scalar = Unicode.Scalar(value) else {
            tokens.append(.character("\u{FFFD}"))
            return
        }
        if (0x80...0x9F).contains(value) {
            tokens.append(.skipped("C1 control \(value)"))
        } else {
            tokens.append(.character(scalar))
        }
    }

    private static func controlSequence(_ bytes: [UInt8], final: UInt8) -> TerminalToken {
        var body = bytes[...]
        var marker: UInt8?
        if let first = body.first, (0x3C...0x3F).contains(first) {
            marker = first
            body = body.dropFirst()
        }
        let intermediates = Array(body.drop { !(0x20...0x2F).contains($0) })
        let parameterBytes = body.prefix { !(0x20...0x2F).contains($0) }
        let parameters: [Int?] =
            parameterBytes.isEmpty
            ? []
            : parameterBytes.split(
                separator: UInt8(ascii: ";"), omittingEmptySubsequences: false
            ).map { Int(String(decoding: $0, as: UTF8.self)) }
        return .controlSequence(
            ControlSequence(
                parameters: parameters, privateMarker: marker, intermediates: intermediates,
                final: final))
    }
}
