/// An author the node knows in a community, as `people` answers it (Protocol/control.md).
public struct ControlPerson: Codable, Sendable, Equatable {
    /// The author's public key, 64 hex digits.
    public var publicKey: String
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
        publicKey: String, fingerprint: String, displayName: String?, headSequence: UInt64,
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
