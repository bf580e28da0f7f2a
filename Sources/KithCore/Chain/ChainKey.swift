/// What identifies a chain: all entries by one author in one community (entries.md, "Chains").
public struct ChainKey: Hashable, Sendable, CustomStringConvertible {
    /// The chain's author.
    public var author: PublicKey
    /// The chain's community.
    public var community: CommunityID

    /// The chain of `author` in `community`.
    public init(author: PublicKey, community: CommunityID) {
        self.author = author
        self.community = community
    }

    /// `author@community`, both in hex.
    public var description: String { "\(author.hex)@\(community.hex)" }
}
