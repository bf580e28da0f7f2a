/// Hex digits for tests, written independently of the libraries' own hex code (KithCore's `Hex`):
/// vectors and checks built with it do not take the code under test on trust. The one hex coder of
/// every test target.
public enum TestHex {
    /// A hex string in a test that is not hex: the test's own mistake.
    public struct Malformed: Error, CustomStringConvertible, Sendable {
        /// The text that is not hex (its start, when long).
        public let text: String
        public var description: String { "not hex: \(text.prefix(40))" }
    }

    /// Lowercase hex digits, two per byte.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of lowercase or uppercase hex digits; nil when `text` is not hex.
    public static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
                return nil
            }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    /// The bytes of hex digits.
    /// - Throws: ``Malformed`` when `text` is not hex.
    public static func bytes(_ text: String) throws(Malformed) -> [UInt8] {
        guard let bytes = decode(text) else { throw Malformed(text: text) }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
