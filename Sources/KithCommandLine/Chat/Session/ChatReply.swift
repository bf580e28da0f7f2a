import KithControl
import KithCore

/// The node's answer to a ``ChatRequest``.
public enum ChatReply: Sendable, Equatable {
    /// The request failed; a sentence for the person.
    case failed(String)
    /// Done, with nothing to show.
    case done
    /// Entries (`history`), oldest first.
    case entries([ControlEntry])
    /// People of a community (one page of those asked for), and how many more the node knows
    /// beyond that page.
    case people([ChatPerson], more: Int = 0)
    /// The channels of a community.
    case channels([ChatChannel])
    /// The node's peers.
    case peers([ChatPeer])
    /// The authors blocked on the node.
    case blocked([PublicKey])
    /// The communities the node is in now, in the community book's order.
    case communities([ChatCommunity])
}

/// An author known in a community.
public struct ChatPerson: Sendable, Equatable {
    /// The author's key.
    public let key: PublicKey
    /// The latest display name it set, if known.
    public let displayName: String?
    /// How many entries it wrote in the community.
    public let entryCount: UInt64
    /// When its first entry claims it was written (ms since the epoch), when known.
    public let firstTimestamp: UInt64?
    /// When its latest entry claims it was written, when known.
    public let lastTimestamp: UInt64?
    /// Whether the node has a session with it now.
    public let isOnline: Bool
    /// Whether its latest entry is recent (``ChatPerson/recentWindow``): how people reached
    /// only through other nodes show they are around.
    public let isRecentlyActive: Bool

    /// How recent an entry must be for its author to count as recently active: 10 minutes.
    public static let recentWindow: UInt64 = 600_000

    /// A person with every field given.
    public init(
        key: PublicKey, displayName: String?, entryCount: UInt64, firstTimestamp: UInt64?,
        lastTimestamp: UInt64?, isOnline: Bool, isRecentlyActive: Bool = false
    ) {
        self.key = key
        self.displayName = displayName
        self.entryCount = entryCount
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.isOnline = isOnline
        self.isRecentlyActive = isRecentlyActive
    }
}

/// A channel known in a community.
public struct ChatChannel: Sendable, Equatable {
    /// The channel.
    public let name: ChannelName
    /// How many posts it holds.
    public let postCount: UInt64
    /// When its latest post claims it was written, when known.
    public let lastTimestamp: UInt64?
    /// Its topic, if one is set.
    public let topic: String?
    /// Who set the topic.
    public let topicAuthor: PublicKey?

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

/// A node the chat's node hears or talks to.
public struct ChatPeer: Sendable, Equatable {
    /// The peer's key.
    public let key: PublicKey
    /// Its display name, if known.
    public let displayName: String?
    /// Its session state (`established`, `connecting`, ...).
    public let session: String
    /// Where the session goes, or where its beacons said it listens.
    public let address: String?

    /// A peer with every field given.
    public init(key: PublicKey, displayName: String?, session: String, address: String?) {
        self.key = key
        self.displayName = displayName
        self.session = session
        self.address = address
    }
}
