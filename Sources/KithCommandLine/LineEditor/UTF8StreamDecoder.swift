/// Decodes UTF-8 one byte at a time, keeping an unfinished multi-byte sequence between calls.
/// Invalid sequences (bad lead bytes, overlong forms, surrogates, truncated sequences) are
/// dropped.
struct UTF8StreamDecoder: Sendable, Equatable {
    /// Bytes of the sequence being collected.
    private var pending: [UInt8] = []
    /// How many bytes the collected sequence needs in total (0 when none is open).
    private var expected = 0

    /// Whether a multi-byte sequence is open.
    var isInsideSequence: Bool { expected != 0 }

    /// What one byte yields.
    enum Output: Equatable {
        /// A complete scalar.
        case scalar(Unicode.Scalar)
        /// Nothing yet (a sequence is being collected, or bytes were dropped).
        case none
        /// The open sequence was broken by `byte`, which is not part of it: the sequence was
        /// dropped and the caller must handle `byte` itself (it is an ASCII or lead byte).
        case interruptedBy(UInt8)
    }

    /// Feeds one byte that is not plain ASCII, or any byte while a sequence is open.
    mutating func feed(_ byte: UInt8) -> Output {
        if expected != 0 {
            guard (0x80...0xBF).contains(byte) else {
                reset()
                return .interruptedBy(byte)
            }
            pending.append(byte)
            guard pending.count == expected else { return .none }
            let bytes = pending
            reset()
            guard let string = String(validating: bytes, as: UTF8.self),
                let scalar = string.unicodeScalars.first
            else { return .none }
            return .scalar(scalar)
        }
        switch byte {
        case 0x00...0x7F: return .scalar(Unicode.Scalar(byte))
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return .none
        }
        pending = [byte]
        return .none
    }

    /// Forgets any open sequence.
    mutating func reset() {
        pending = []
        expected = 0
    }
}
