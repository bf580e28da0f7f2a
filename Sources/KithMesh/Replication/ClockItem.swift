import KithCore

/// One chain of a `clock` message: "I hold `author`'s chain up to `sequence`" (replication.md).
/// Sequence 0 says the sender holds none of the chain.
public struct ClockItem: Hashable, Sendable, CustomStringConvertible {
    /// The size of one item on the wire: the author's key and a `u64`.
    public static let byteCount = PublicKey.byteCount + 8

    /// The chain's author (the community is the clock message's).
    public var author: PublicKey
    /// The highest sequence the sender holds of the chain.
    public var sequence: UInt64

    /// The item for `author`'s chain held up to `sequence`.
    public init(author: PublicKey, sequence: UInt64) {
        self.author = author
        self.sequence = sequence
    }

    /// `author:sequence`, the author as its short fingerprint.
    public var description: String { "\(author.fingerprint.short):\(sequence)" }
}
