/// What a node reads of an entry before deciding to keep it: the fields of its header, checked
/// against rules 1 to 5 of entries.md, without hashing or verifying the entry. A node drops an
/// entry it refuses (a blocked author, a stranger over budget) at this point, at the cost of
/// reading about a hundred bytes, however large the entry (replication.md, "Strangers").
public struct EntryPreview: Hashable, Sendable {
    /// The entry's community.
    public let community: CommunityID
    /// The entry's author.
    public let author: PublicKey
    /// The entry's sequence number.
    public let sequence: UInt64
    /// The entry's size in bytes.
    public let byteCount: Int

    /// Reads the header of the entry in `bytes`, checking rules 1 to 5 of entries.md.
    public init(_ bytes: [UInt8]) throws(EntryError) {
        let header = try EntryHeader(parsing: bytes)
        community = header.community
        author = header.author
        sequence = header.sequence
        byteCount = bytes.count
    }

    /// The chain the entry belongs to.
    public var chain: ChainKey { ChainKey(author: author, community: community) }
}
