/// Why bytes or text could not become a key, signature, id or hash.
public enum KeyError: Error, Equatable, CustomStringConvertible {
    /// The value must be `expected` bytes long but `actual` bytes were given.
    case wrongLength(expected: Int, actual: Int)
    /// The text is not hexadecimal: an odd number of digits or a character other than 0-9, a-f.
    case invalidHex

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case .wrongLength(let expected, let actual):
            "expected \(expected) bytes, got \(actual)"
        case .invalidHex:
            "not hexadecimal (two digits 0-9, a-f per byte)"
        }
    }
}

extension Bytes32 {
    /// Parses 64 hex digits, reporting the problem as a `KeyError`.
    static func parsing(hex text: String) throws(KeyError) -> Bytes32 {
        guard let bytes = Hex.decode(text) else { throw .invalidHex }
        return try checked(bytes)
    }

    /// Copies exactly 32 bytes, reporting another length as a `KeyError`.
    static func checked(_ bytes: some Collection<UInt8>) throws(KeyError) -> Bytes32 {
        guard let value = Bytes32(bytes) else {
            throw .wrongLength(expected: byteCount, actual: bytes.count)
        }
        return value
    }
}
