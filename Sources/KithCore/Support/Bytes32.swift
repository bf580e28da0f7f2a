/// Thirty-two bytes held inline, without a heap allocation.
///
/// The bytes are kept as four big-endian words, so the synthesized tuple order of
/// `(w0, w1, w2, w3)` is the lexicographic order of the bytes. Keys, ids and hashes are built on it.
struct Bytes32: Hashable, Sendable, Comparable {
    /// Bytes 0 to 7, read big-endian.
    var w0: UInt64
    /// Bytes 8 to 15, read big-endian.
    var w1: UInt64
    /// Bytes 16 to 23, read big-endian.
    var w2: UInt64
    /// Bytes 24 to 31, read big-endian.
    var w3: UInt64

    /// The number of bytes held.
    static let byteCount = 32

    /// Thirty-two zero bytes.
    static let zero = Bytes32(w0: 0, w1: 0, w2: 0, w3: 0)

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Reads 32 bytes starting at `offset`, or returns nil when they are not all inside `buffer`.
    init?(_ buffer: UnsafeRawBufferPointer, at offset: Int) {
        guard offset >= 0, offset <= buffer.count - Self.byteCount,
            let w0 = buffer.readBigEndian(UInt64.self, at: offset),
            let w1 = buffer.readBigEndian(UInt64.self, at: offset + 8),
            let w2 = buffer.readBigEndian(UInt64.self, at: offset + 16),
            let w3 = buffer.readBigEndian(UInt64.self, at: offset + 24)
        else { return nil }
        self.init(w0: w0, w1: w1, w2: w2, w3: w3)
    }

    /// Copies a collection of exactly 32 bytes, or returns nil for any other length.
    init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        let read = withContiguousBytes(of: bytes) { Bytes32($0, at: 0) }
        guard let read else { return nil }
        self = read
    }

    /// Builds the value from the 32 bytes that `fill` writes at the pointer it is given (zeroed
    /// memory with room for exactly 32 bytes).
    static func filling(_ fill: (UnsafeMutablePointer<UInt8>) -> Void) -> Bytes32 {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutablePointer(to: &words) {
            $0.withMemoryRebound(to: UInt8.self, capacity: byteCount) { fill($0) }
        }
        return Bytes32(
            w0: UInt64(bigEndian: words.0),
            w1: UInt64(bigEndian: words.1),
            w2: UInt64(bigEndian: words.2),
            w3: UInt64(bigEndian: words.3)
        )
    }

    /// Whether all 32 bytes are zero.
    var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }

    /// Calls `body` with the 32 bytes in order.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// Calls `body` with a pointer to the 32 bytes in order.
    func withUnsafeBytePointer<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        var words = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        return try Swift.withUnsafePointer(to: &words) {
            try $0.withMemoryRebound(to: UInt8.self, capacity: Self.byteCount) { try body($0) }
        }
    }

    /// The 32 bytes as an array.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The 32 bytes as 64 lowercase hex digits.
    var hex: String { withUnsafeBytes { Hex.encode($0) } }

    /// Appends the 32 bytes to `array`.
    func append(to array: inout [UInt8]) {
        withUnsafeBytes { array.append(contentsOf: $0) }
    }

    static func < (lhs: Bytes32, rhs: Bytes32) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}
