import KithCore

/// A random source that hands out exactly the bytes it was given, in order: for vectors, where
/// every random input is written down.
public struct FixedRandomSource: RandomSource {
    private var remaining: [UInt8]

    /// A source that hands out `bytes`, in order.
    public init(_ bytes: [UInt8]) {
        remaining = bytes
    }

    /// Whether every byte was used.
    public var isExhausted: Bool { remaining.isEmpty }

    /// The next `count` bytes; traps when fewer are left (a test that gave too few).
    public mutating func bytes(_ count: Int) -> [UInt8] {
        precondition(
            count <= remaining.count, "FixedRandomSource ran out: the test gave too few bytes")
        let taken = Array(remaining.prefix(count))
        remaining.removeFirst(count)
        return taken
    }
}

/// A random source that expands a name into an endless reproducible stream:
/// block `i` is `BLAKE2b-256(key: BLAKE2b-256(name), i as u64)`. For tests that need many random
/// values but must not depend on luck.
public struct SeededRandomSource: RandomSource {
    private let key: [UInt8]
    private var blockIndex: UInt64 = 0
    private var pending: [UInt8] = []

    /// The stream named `name`.
    public init(_ name: String) {
        key = Blake2b.hash256(Array(name.utf8))
    }

    /// The next `count` bytes of the stream.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        while pending.count < count {
            var index: [UInt8] = []
            withUnsafeBytes(of: blockIndex.bigEndian) { index.append(contentsOf: $0) }
            pending += Blake2b.hash256(key: key, index)
            blockIndex += 1
        }
        let taken = Array(pending.prefix(count))
        pending.removeFirst(count)
        return taken
    }
}
