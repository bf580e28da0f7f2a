import KithCore

/// What the index knows of one chain (one author in one community).
public struct ChainState: Hashable, Sendable {
    /// The highest sequence of the chain as held (the head).
    public var headSequence: UInt64
    /// The ordinal of the head entry.
    public var headOrdinal: UInt64
    /// The id of the head entry: the `previous` the next entry must name.
    public var headID: EntryID
    /// The first fork entry seen for this chain, kept as proof.
    public var forkOrdinal: UInt64?
    /// The highest sequence seen in the log for this chain, including entries that could not be
    /// chained because an earlier one was lost to corruption. Above `headSequence` only after damage.
    public var highestSeenSequence: UInt64
    /// The ordinal of the chain's latest well-formed `about` entry.
    public var aboutOrdinal: UInt64?

    /// The head in the form the chain rules take.
    public var head: ChainHead {
        ChainHead(sequence: headSequence, id: headID, isForked: forkOrdinal != nil)
    }
}

/// A channel of one community.
public struct ChannelKey: Hashable, Sendable {
    /// The community the channel belongs to.
    public var community: CommunityID
    /// The channel's name.
    public var channel: ChannelName

    /// Creates a channel key.
    public init(community: CommunityID, channel: ChannelName) {
        self.community = community
        self.channel = channel
    }
}

/// What the index knows of one channel.
public struct ChannelState: Hashable, Sendable {
    /// The number of posts in the channel.
    public var count: UInt64
    /// The ordinal of the channel's latest post (in log order); nil when the channel has only a
    /// topic.
    public var lastOrdinal: UInt64?
    /// The topic entry that is the channel's current topic (content.md), if it has any.
    public var topic: ChannelTopicState?

    /// A channel's state.
    public init(count: UInt64, lastOrdinal: UInt64?, topic: ChannelTopicState? = nil) {
        self.count = count
        self.lastOrdinal = lastOrdinal
        self.topic = topic
    }
}

/// The topic entry that currently wins in a channel: the greatest timestamp, ties broken by the
/// greater id (content.md, `Topic.isNewer`).
public struct ChannelTopicState: Hashable, Sendable {
    /// The ordinal of the winning topic entry.
    public var ordinal: UInt64
    /// Its timestamp.
    public var timestamp: UInt64
    /// Its id, which breaks timestamp ties.
    public var id: EntryID

    /// A channel's winning topic entry.
    public init(ordinal: UInt64, timestamp: UInt64, id: EntryID) {
        self.ordinal = ordinal
        self.timestamp = timestamp
        self.id = id
    }

    /// Whether an entry with `timestamp` and `id` replaces this one as the current topic.
    public func isReplaced(byTimestamp timestamp: UInt64, id: EntryID) -> Bool {
        Topic.isNewer(timestamp: timestamp, id: id, than: self.timestamp, id: self.id)
    }
}
