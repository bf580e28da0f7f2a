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
    /// The ordinal of the channel's latest post (in log order).
    public var lastOrdinal: UInt64
}
