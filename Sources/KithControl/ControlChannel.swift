/// A channel the node knows in a community, as `channels` answers it (Protocol/control.md).
public struct ControlChannel: Codable, Sendable, Equatable {
    /// The channel name without its `#`.
    public var name: String
    /// How many posts the log holds in it.
    public var postCount: UInt64
    /// The claimed time (ms since the Unix epoch) of its latest post, when readable.
    public var lastTimestamp: UInt64?
    /// Its current topic (content.md), if one was set.
    public var topic: String?
    /// The public key (hex) of who set that topic.
    public var topicAuthor: String?

    /// A channel with every field given.
    public init(
        name: String, postCount: UInt64, lastTimestamp: UInt64?, topic: String?,
        topicAuthor: String?
    ) {
        self.name = name
        self.postCount = postCount
        self.lastTimestamp = lastTimestamp
        self.topic = topic
        self.topicAuthor = topicAuthor
    }
}
