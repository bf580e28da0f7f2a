import KithCore

/// One chain of a `clock` message: "I hold `author`'s chain up to `sequence`, and I do (or do not)
/// want you to push it to me" (replication.md, "Clocks"). Sequence 0 says the sender holds none of
/// the chain.
public struct ClockItem: Hashable, Sendable, CustomStringConvertible {
    /// The size of one item on the wire: the author's key, a `u64` and the flags byte.
    public static let byteCount = PublicKey.byteCount + 8 + 1
    /// The flag bit that asks the receiver to push the chain.
    public static let pushFlag: UInt8 = 0x01

    /// The chain's author (the community is the clock message's).
    public var author: PublicKey
    /// The highest sequence the sender holds of the chain.
    public var sequence: UInt64
    /// Whether the sender asks the receiver to push the chain's entries to it.
    public var push: Bool

    /// The item for `author`'s chain held up to `sequence`, asking for it to be pushed or not.
    public init(author: PublicKey, sequence: UInt64, push: Bool = false) {
        self.author = author
        self.sequence = sequence
        self.push = push
    }

    /// The flags byte: bit 0 is ``push``; the reserved bits are 0.
    public var flags: UInt8 { push ? Self.pushFlag : 0 }

    /// `author:sequence`, the author as its short fingerprint, and `+push` when asked.
    public var description: String {
        "\(author.fingerprint.short):\(sequence)\(push ? "+push" : "")"
    }
}
