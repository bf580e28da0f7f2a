/// A request line's fields as JSON carries them, before they are checked (Protocol/control.md):
/// what ``ControlRequest`` is decoded from and encoded to. A program that must send what no
/// typed request can (a test of the node's refusals) builds one of these.
public struct ControlRequestFields: Codable, Sendable, Equatable {
    /// The op, as sent.
    public var op: String
    /// `community`: a community id, 64 hex digits.
    public var community: String?
    /// `channel`: a channel name, with or without its `#`.
    public var channel: String?
    /// `text`: a post's, private message's or topic's text.
    public var text: String?
    /// `name`: a display name for `nick`.
    public var name: String?
    /// `limit`: how many entries or people at most.
    public var limit: Int?
    /// `recipient`: a public key, 64 hex digits, for `msg`.
    public var recipient: String?
    /// `author`: a public key, 64 hex digits.
    public var author: String?
    /// `after`: a public key, 64 hex digits, a `people` page starts after.
    public var after: String?
    /// `online`: for `people`, only the node and the peers online now.
    public var online: Bool?
    /// `active_since`: for `people`, only authors of entries claiming this time or later.
    public var activeSince: UInt64?
    /// `sequence`: for `reach`, a sequence number of the node's own chain.
    public var sequence: UInt64?
    /// The fields present with a value of the wrong type, by wire name (`active_since`): an op
    /// that uses one refuses the request; the others ignore it (Protocol/control.md).
    public var mistyped: [String] = []

    private enum CodingKeys: String, CodingKey {
        case op, community, channel, text, name, limit, recipient, author, after, online
        case activeSince, sequence
    }

    /// The fields of a request for `op`.
    public init(
        op: String, community: String? = nil, channel: String? = nil, text: String? = nil,
        name: String? = nil, limit: Int? = nil, recipient: String? = nil, author: String? = nil,
        after: String? = nil, online: Bool? = nil, activeSince: UInt64? = nil,
        sequence: UInt64? = nil
    ) {
        self.op = op
        self.community = community
        self.channel = channel
        self.text = text
        self.name = name
        self.limit = limit
        self.recipient = recipient
        self.author = author
        self.after = after
        self.online = online
        self.activeSince = activeSince
        self.sequence = sequence
    }

    /// Reads the fields; only a missing or mistyped `op` fails, other mistyped fields are noted
    /// in ``mistyped``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        op = try container.decode(String.self, forKey: .op)
        var mistyped: [String] = []
        func field<Value: Decodable>(_ key: CodingKeys, _ wireName: String) -> Value? {
            do {
                return try container.decodeIfPresent(Value.self, forKey: key)
            } catch {
                mistyped.append(wireName)
                return nil
            }
        }
        community = field(.community, "community")
        channel = field(.channel, "channel")
        text = field(.text, "text")
        name = field(.name, "name")
        limit = field(.limit, "limit")
        recipient = field(.recipient, "recipient")
        author = field(.author, "author")
        after = field(.after, "after")
        online = field(.online, "online")
        activeSince = field(.activeSince, "active_since")
        sequence = field(.sequence, "sequence")
        self.mistyped = mistyped
    }

    /// These fields as one request line, with its final newline.
    public var line: [UInt8] { ControlCoding.line(self) }
}
