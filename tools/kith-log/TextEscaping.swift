/// Hex for `kith-log`'s output. Text from entries is escaped with ``UntrustedText/escaped(_:)``.
enum TextEscaping {
    /// The bytes as lowercase hex digits, two per byte.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var output = String.UnicodeScalarView()
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(output)
    }
}
