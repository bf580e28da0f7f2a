import KithCore

/// An author the node knows in a community, as `people` answers it (Protocol/control.md).
public struct ControlPerson: Sendable, Equatable {
    /// The author's public key.
    public var publicKey: PublicKey
    /// Its fingerprint, full form.
    public var fingerprint: String
    /// The latest display name it set in the community, if the log holds one.
    public var displayName: String?
    /// The head sequence of its chain in the community: how many entries it wrote.
    public var headSequence: UInt64
    /// The claimed time (ms since the Unix epoch) of its first entry (sequence 1), when held.
    /// A chat shows the person who joined first with a name as its plain holder.
    public var firstTimestamp: UInt64?
    /// The claimed time (ms since the Unix epoch) of its latest entry, when readable.
    public var lastTimestamp: UInt64?
    /// Whether this node has an established session with it now that shares the community.
    public var online: Bool
    /// Whether it is this node itself.
    public var own: Bool

    /// A person with every field given.
    public init(
        publicKey: PublicKey, fingerprint: String, displayName: String?, headSequence: UInt64,
        firstTimestamp: UInt64?, lastTimestamp: UInt64?, online: Bool, own: Bool
    ) {
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.displayName = displayName
        self.headSequence = headSequence
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.online = online
        self.own = own
    }
}

extension ControlPerson: Codable {
    private enum CodingKeys: String, CodingKey {
        case publicKey, fingerprint, displayName, headSequence, firstTimestamp, lastTimestamp
        case online, own
    }

    /// Reads the object; `public_key` must be 64 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        publicKey = try ControlKeyCoding.decode(.publicKey, in: container)
        fingerprint = try container.decode(String.self, forKey: .fingerprint)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        headSequence = try container.decode(UInt64.self, forKey: .headSequence)
        firstTimestamp = try container.decodeIfPresent(UInt64.self, forKey: .firstTimestamp)
        lastTimestamp = try container.decodeIfPresent(UInt64.self, forKey: .lastTimestamp)
        online = try container.decode(Bool.self, forKey: .online)
        own = try container.decode(Bool.self, forKey: .own)
    }

    /// Writes the object, the key as hex; absent values are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(publicKey.hex, forKey: .publicKey)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encode(headSequence, forKey: .headSequence)
        try container.encodeIfPresent(firstTimestamp, forKey: .firstTimestamp)
        try container.encodeIfPresent(lastTimestamp, forKey: .lastTimestamp)
        try container.encode(online, forKey: .online)
        try container.encode(own, forKey: .own)
    }
}
