import KithCore

/// A channel the node knows in a community, as `channels` answers it (Protocol/control.md).
public struct ControlChannel: Sendable, Equatable {
    /// The channel (written without its `#`).
    public var name: ChannelName
    /// How many posts the log holds in it.
    public var postCount: UInt64
    /// The claimed time (ms since the Unix epoch) of its latest post, when readable.
    public var lastTimestamp: UInt64?
    /// Its current topic (content.md), if one was set.
    public var topic: String?
    /// Who set that topic.
    public var topicAuthor: PublicKey?

    /// A channel with every field given.
    public init(
        name: ChannelName, postCount: UInt64, lastTimestamp: UInt64?, topic: String?,
        topicAuthor: PublicKey?
    ) {
        self.name = name
        self.postCount = postCount
        self.lastTimestamp = lastTimestamp
        self.topic = topic
        self.topicAuthor = topicAuthor
    }
}

extension ControlChannel: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, postCount, lastTimestamp, topic, topicAuthor
    }

    /// Reads the object: `name` must be a channel name, `topic_author` 64 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .name)
        guard let name = try? ChannelName(userInput: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: container, debugDescription: "not a channel name")
        }
        self.name = name
        postCount = try container.decode(UInt64.self, forKey: .postCount)
        lastTimestamp = try container.decodeIfPresent(UInt64.self, forKey: .lastTimestamp)
        topic = try container.decodeIfPresent(String.self, forKey: .topic)
        topicAuthor = try ControlKeyCoding.decodeIfPresent(.topicAuthor, in: container)
    }

    /// Writes the object; absent values are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name.name, forKey: .name)
        try container.encode(postCount, forKey: .postCount)
        try container.encodeIfPresent(lastTimestamp, forKey: .lastTimestamp)
        try container.encodeIfPresent(topic, forKey: .topic)
        try container.encodeIfPresent(topicAuthor?.hex, forKey: .topicAuthor)
    }
}
