/// RFC 4648 base32 with the lowercase alphabet and no padding (invites.md).
enum Base32 {
    /// The 32 digits, value 0 to 31.
    static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// The value of an ASCII digit (either case), or nil when it is not in the alphabet.
    static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a")
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): character - UInt8(ascii: "2") + 26
        default: nil
        }
    }

    /// The digits of `bytes`: 5 bits each, most significant first, the last group filled with zero bits.
    static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count * 8 + 4) / 5)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                text.append(alphabet[Int(accumulator >> UInt32(bitCount) & 0x1f)])
            }
        }
        if bitCount > 0 {
            text.append(alphabet[Int(accumulator << UInt32(5 - bitCount) & 0x1f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes that the digit `values` (each 0 to 31) encode, and whether the bits that fill up
    /// the last digit are all zero; nil when no byte string has this many digits (`count mod 8` is
    /// 1, 3 or 6).
    static func decode(values: [UInt8]) -> (bytes: [UInt8], fillBitsAreZero: Bool)? {
        guard ![1, 3, 6].contains(values.count % 8) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 5 / 8)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for value in values {
            accumulator = (accumulator << 5 | UInt32(value)) & 0xffff
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
        }
        // Fewer than 5 bits are left over: they only fill up the last digit.
        let fillBits = accumulator & ((1 << UInt32(bitCount)) - 1)
        return (bytes, fillBits == 0)
    }
}
