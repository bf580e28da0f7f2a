extension Array where Element == UInt8 {
    /// Appends `value` as big-endian bytes.
    mutating func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of `text` (labels of derivations and signatures).
    mutating func appendASCII(_ text: String) {
        append(contentsOf: text.utf8)
    }
}

extension Collection<UInt8> {
    /// The big-endian integer in the `size` bytes starting `offset` bytes into the collection, or
    /// nil when they are not all inside it.
    func readBigEndian<Integer: FixedWidthInteger>(_: Integer.Type, at offset: Int) -> Integer? {
        let size = MemoryLayout<Integer>.size
        guard offset >= 0, offset + size <= count else { return nil }
        var value: Integer = 0
        for byte in dropFirst(offset).prefix(size) {
            value = value << 8 | Integer(byte)
        }
        return value
    }
}
