import KithCore

/// A channel's current topic as the store holds it (content.md, `topic`): the winning topic
/// entry's content, author and timestamp.
public struct ChannelTopic: Hashable, Sendable {
    /// The topic (its text is never empty: a cleared topic is no topic).
    public var topic: Topic
    /// Who set it.
    public var author: PublicKey
    /// The timestamp of the entry that set it.
    public var timestamp: UInt64
    /// The id of the entry that set it.
    public var entryID: EntryID

    /// A channel's topic.
    public init(topic: Topic, author: PublicKey, timestamp: UInt64, entryID: EntryID) {
        self.topic = topic
        self.author = author
        self.timestamp = timestamp
        self.entryID = entryID
    }
}
