import KithCore

/// What the index knows of one chain (one author in one community).
public struct ChainState: Hashable, Sendable {
    /// The highest sequence of the chain as held (the head).
    public var headSequence: UInt64
    /// The ordinal of the head entry.
    public var headOrdinal: UInt64
    /// The id of the head entry: the `previous` the next entry must name.
    public var headID: EntryID
    /// The highest sequence seen in the log for this chain, including entries that could not be
    /// chained because an earlier one was lost to corruption. Above `headSequence` only after damage.
    public var highestSeenSequence: UInt64
    /// ``forkOrdinal`` and ``aboutOrdinal`` plus one, 0 for none: two optionals of 9 bytes would
    /// pad the state from 72 to 88 bytes, for every chain held (a million authors: 16 MB more
    /// per million table slots).
    private var forkOrdinalPlusOne: UInt64
    private var aboutOrdinalPlusOne: UInt64

    /// The first fork entry seen for this chain, kept as proof.
    public var forkOrdinal: UInt64? {
        get { forkOrdinalPlusOne == 0 ? nil : forkOrdinalPlusOne - 1 }
        set { forkOrdinalPlusOne = newValue.map { $0 + 1 } ?? 0 }
    }

    /// The ordinal of the chain's latest well-formed `about` entry.
    public var aboutOrdinal: UInt64? {
        get { aboutOrdinalPlusOne == 0 ? nil : aboutOrdinalPlusOne - 1 }
        set { aboutOrdinalPlusOne = newValue.map { $0 + 1 } ?? 0 }
    }

    /// A chain's state; ordinals are below `UInt64.max` (an index of that many entries cannot
    /// exist).
    init(
        headSequence: UInt64, headOrdinal: UInt64, headID: EntryID, forkOrdinal: UInt64?,
        highestSeenSequence: UInt64, aboutOrdinal: UInt64?
    ) {
        self.headSequence = headSequence
        self.headOrdinal = headOrdinal
        self.headID = headID
        self.highestSeenSequence = highestSeenSequence
        forkOrdinalPlusOne = forkOrdinal.map { $0 + 1 } ?? 0
        aboutOrdinalPlusOne = aboutOrdinal.map { $0 + 1 } ?? 0
    }

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
