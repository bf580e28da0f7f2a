import KithCore

/// A digest of the chains one node holds in one community (replication.md, "Digests"): the chains
/// fall into 16 buckets by the high 4 bits of the author key's first byte, and each bucket holds
/// how many chains it has and the XOR of their item values. Two nodes that hold the same chains
/// have equal digests; a bucket that differs says where to look.
///
/// A digest is updated in place as heads move (``insert(author:sequence:)``,
/// ``remove(author:sequence:)``), so keeping it costs a few arithmetic operations per entry.
public struct ClockDigest: Hashable, Sendable {
    /// The number of buckets.
    public static let bucketCount = 16
    /// The size of a digest on the wire: 16 buckets of a `u32` count and a `u64` hash.
    public static let byteCount = bucketCount * 12

    /// One bucket: the number of chains in it and the XOR of their item values.
    public struct Bucket: Hashable, Sendable {
        /// The number of chains.
        public var count: UInt32
        /// The XOR of the chains' item values.
        public var hash: UInt64

        /// A bucket with these values.
        public init(count: UInt32 = 0, hash: UInt64 = 0) {
            self.count = count
            self.hash = hash
        }
    }

    /// The 16 buckets, in order.
    public private(set) var buckets: [Bucket]

    /// The digest of no chains.
    public init() {
        buckets = Array(repeating: Bucket(), count: Self.bucketCount)
    }

    /// A digest with these buckets; missing buckets are empty and extra ones are ignored.
    public init(buckets: [Bucket]) {
        var all = Array(buckets.prefix(Self.bucketCount))
        all += Array(repeating: Bucket(), count: Self.bucketCount - all.count)
        self.buckets = all
    }

    /// The digest of `items` (an author listed twice counts twice).
    public init(_ items: some Sequence<ClockItem>) {
        self.init()
        for item in items { insert(author: item.author, sequence: item.sequence) }
    }

    /// The bucket of `author`'s chains: the high 4 bits of the key's first byte.
    public static func bucket(of author: PublicKey) -> Int {
        Int(author.bytes[0] >> 4)
    }

    /// The item value of `author`'s chain at `sequence`:
    /// `mix(prefix(author) ^ mix(sequence))`, `prefix` being the key's first 8 bytes as a `u64`.
    public static func value(author: PublicKey, sequence: UInt64) -> UInt64 {
        var prefix: UInt64 = 0
        for byte in author.bytes.prefix(8) { prefix = prefix << 8 | UInt64(byte) }
        return mix(prefix ^ mix(sequence))
    }

    /// SplitMix64's output function of `x` (replication.md gives it step by step).
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Adds `author`'s chain at `sequence`.
    public mutating func insert(author: PublicKey, sequence: UInt64) {
        let index = Self.bucket(of: author)
        buckets[index].count &+= 1
        buckets[index].hash ^= Self.value(author: author, sequence: sequence)
    }

    /// Takes out `author`'s chain at `sequence` (it must have been added at that sequence).
    public mutating func remove(author: PublicKey, sequence: UInt64) {
        let index = Self.bucket(of: author)
        buckets[index].count &-= 1
        buckets[index].hash ^= Self.value(author: author, sequence: sequence)
    }

    /// The buckets in which `self` and `other` differ, in order.
    public func differingBuckets(from other: ClockDigest) -> [Int] {
        (0..<Self.bucketCount).filter { buckets[$0] != other.buckets[$0] }
    }
}
