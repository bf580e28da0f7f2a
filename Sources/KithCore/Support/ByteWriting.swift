extension Array where Element == UInt8 {
    /// Appends `value` as big-endian bytes.
    @inlinable package mutating func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of `text` (labels of derivations and signatures).
    @inlinable package mutating func appendASCII(_ text: String) {
        append(contentsOf: text.utf8)
    }
}
