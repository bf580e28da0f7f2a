import KithCore

/// An entry as the control socket sends it: the signed bytes (hex) and what a chat line shows.
public struct ControlEntry: Codable, Sendable, Equatable {
    /// The entry id, 64 hex digits.
    public var id: String
    /// The community id, 64 hex digits.
    public var community: String
    /// The author's public key, 64 hex digits.
    public var author: String
    /// The entry's sequence number in its chain.
    public var sequence: UInt64
    /// The author's display name in the community, when the log holds one.
    public var authorName: String?
    /// Whether the node itself wrote it.
    public var own: Bool
    /// The whole signed entry (entries.md), hex.
    public var bytes: String
    /// The opened text when the entry is a private message this node sent or received.
    public var privateMessage: ControlPrivateMessage?

    /// The control form of `delivered`.
    public init(_ delivered: DeliveredEntry) {
        let entry = delivered.entry
        id = entry.id.hex
        community = entry.community.hex
        author = entry.author.hex
        sequence = entry.sequence
        authorName = delivered.authorName
        own = delivered.isOwn
        bytes = Hex.encode(entry.bytes)
    }

    /// The entry again, decoded and checked against its id; nil when the bytes are not a
    /// well-formed entry. The signature is not checked again: the node verified it before
    /// appending, and the control socket is the owner's own (Protocol/control.md).
    public var delivered: DeliveredEntry? {
        guard let raw = Hex.decode(bytes),
            let entry = try? Entry(decoding: raw), entry.id.hex == id
        else { return nil }
        return DeliveredEntry(entry: entry, authorName: authorName, isOwn: own)
    }
}
