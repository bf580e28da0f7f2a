/// Sixty-four bytes held inline, as two halves of 32 bytes.
struct Bytes64: Hashable, Sendable {
    /// Bytes 0 to 31.
    var low: Bytes32
    /// Bytes 32 to 63.
    var high: Bytes32

    /// The number of bytes held.
    static let byteCount = 64

    init(low: Bytes32, high: Bytes32) {
        self.low = low
        self.high = high
    }

    /// Reads 64 bytes starting at `offset`, or returns nil when they are not all inside `buffer`.
    init?(_ buffer: UnsafeRawBufferPointer, at offset: Int) {
        guard let low = Bytes32(buffer, at: offset), let high = Bytes32(buffer, at: offset + 32)
        else { return nil }
        self.init(low: low, high: high)
    }

    /// Copies a collection of exactly 64 bytes, or returns nil for any other length.
    init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        let read = withContiguousBytes(of: bytes) { Bytes64($0, at: 0) }
        guard let read else { return nil }
        self = read
    }

    /// Builds the value from the 64 bytes that `fill` writes at the pointer it is given (zeroed
    /// memory with room for exactly 64 bytes).
    static func filling(_ fill: (UnsafeMutablePointer<UInt8>) -> Void) -> Bytes64 {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0)
        Swift.withUnsafeMutablePointer(to: &words) {
            $0.withMemoryRebound(to: UInt8.self, capacity: byteCount) { fill($0) }
        }
        return Bytes64(
            low: Bytes32(
                w0: UInt64(bigEndian: words.0), w1: UInt64(bigEndian: words.1),
                w2: UInt64(bigEndian: words.2), w3: UInt64(bigEndian: words.3)),
            high: Bytes32(
                w0: UInt64(bigEndian: words.4), w1: UInt64(bigEndian: words.5),
                w2: UInt64(bigEndian: words.6), w3: UInt64(bigEndian: words.7))
        )
    }

    /// Calls `body` with the 64 bytes in order.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (
            low.w0.bigEndian, low.w1.bigEndian, low.w2.bigEndian, low.w3.bigEndian,
            high.w0.bigEndian, high.w1.bigEndian, high.w2.bigEndian, high.w3.bigEndian
        )
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// Calls `body` with a pointer to the 64 bytes in order.
    func withUnsafeBytePointer<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        var words = (
            low.w0.bigEndian, low.w1.bigEndian, low.w2.bigEndian, low.w3.bigEndian,
            high.w0.bigEndian, high.w1.bigEndian, high.w2.bigEndian, high.w3.bigEndian
        )
        return try Swift.withUnsafePointer(to: &words) {
            try $0.withMemoryRebound(to: UInt8.self, capacity: Self.byteCount) { try body($0) }
        }
    }

    /// The 64 bytes as an array.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The 64 bytes as 128 lowercase hex digits.
    var hex: String { withUnsafeBytes { Hex.encode($0) } }

    /// Appends the 64 bytes to `array`.
    func append(to array: inout [UInt8]) {
        withUnsafeBytes { array.append(contentsOf: $0) }
    }
}
