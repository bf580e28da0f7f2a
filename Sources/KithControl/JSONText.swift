/// Writes JSON values the way Foundation's `JSONEncoder` does for the control socket (no
/// spaces, `/` not escaped, non-ASCII characters as UTF-8), for the lines written by hand.
enum JSONText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string, quotes included.
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5c else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                appendEscape(byte, to: &output)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append(0x22)
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(0x5c)
        switch byte {
        case 0x22: output.append(0x22)
        case 0x5c: output.append(0x5c)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0c: output.append(UInt8(ascii: "f"))
        case 0x0a: output.append(UInt8(ascii: "n"))
        case 0x0d: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            output.append(contentsOf: Array("u00".utf8))
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0f)])
        }
    }

    /// Appends `bytes` as lower-case hex digits, two per byte.
    static func appendHex(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0f)])
        }
    }

    /// Appends `value` in decimal.
    static func appendNumber(_ value: UInt64, to output: inout [UInt8]) {
        guard value > 0 else {
            output.append(0x30)
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(0x30 + UInt8(rest % 10))
            rest /= 10
        }
        output.append(contentsOf: digits.reversed())
    }
}
