import KithCore

/// An entry as the control socket carries it (Protocol/control.md, *Entries*): the signed entry,
/// decoded and checked against its id once, when a line is read, and what the node says beside
/// it. On the wire the entry is its id, community, author and sequence (hex and a number) and its
/// bytes (hex); those fields are views of ``entry`` here.
public struct ControlEntry: Sendable, Equatable {
    /// The signed entry. Its signature is not checked again by a client: the node verified it
    /// before appending, and the control socket is the owner's own.
    public let entry: Entry
    /// The author's display name in the community, when the log holds one.
    public var authorName: String?
    /// Whether the node itself wrote it.
    public var isOwn: Bool
    /// The opened text when the entry is a private message this node sent or received.
    public var privateMessage: ControlPrivateMessage?

    /// An entry with what the node says beside it.
    public init(
        entry: Entry, authorName: String?, isOwn: Bool,
        privateMessage: ControlPrivateMessage? = nil
    ) {
        self.entry = entry
        self.authorName = authorName
        self.isOwn = isOwn
        self.privateMessage = privateMessage
    }

    /// The control form of `delivered`.
    public init(_ delivered: DeliveredEntry) {
        self.init(entry: delivered.entry, authorName: delivered.authorName, isOwn: delivered.isOwn)
    }

    /// The entry id, 64 hex digits (`id`).
    public var id: String { entry.id.hex }
    /// The community id, 64 hex digits (`community`).
    public var community: String { entry.community.hex }
    /// The author's public key, 64 hex digits (`author`).
    public var author: String { entry.author.hex }
    /// The entry's sequence number in its chain (`sequence`).
    public var sequence: UInt64 { entry.sequence }
    /// Whether the node itself wrote it (`own`).
    public var own: Bool { isOwn }
    /// The whole signed entry, lower-case hex (`bytes`).
    public var bytes: String {
        Hex.encode(entry.bytes)
    }

    /// The entry with its name and whether it is the node's, as the node delivers it.
    public var delivered: DeliveredEntry {
        DeliveredEntry(entry: entry, authorName: authorName, isOwn: isOwn)
    }
}

extension ControlEntry: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, community, author, sequence, authorName, own, bytes, privateMessage
    }

    /// Reads an entry line's object: the bytes must be a well-formed entry whose id is `id`. An
    /// opened text whose sender is not the entry's author is dropped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hex = try container.decode(String.self, forKey: .bytes)
        guard let bytes = Hex.decode(hex),
            let entry = try? Entry(decoding: bytes),
            entry.id.hex == (try container.decode(String.self, forKey: .id))
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .bytes, in: container, debugDescription: "not the entry its id names")
        }
        self.entry = entry
        authorName = try container.decodeIfPresent(String.self, forKey: .authorName)
        isOwn = try container.decode(Bool.self, forKey: .own)
        let opened = try container.decodeIfPresent(
            ControlPrivateMessage.self, forKey: .privateMessage)
        privateMessage = opened?.sender == entry.author ? opened : nil
    }

    /// Writes the entry line's object (keys sorted by the encoder, absent values left out).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(community, forKey: .community)
        try container.encode(author, forKey: .author)
        try container.encode(sequence, forKey: .sequence)
        try container.encodeIfPresent(authorName, forKey: .authorName)
        try container.encode(isOwn, forKey: .own)
        try container.encode(bytes, forKey: .bytes)
        try container.encodeIfPresent(privateMessage, forKey: .privateMessage)
    }
}
