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
    case channels([ControlChannel])
    /// The node's peers.
    case peers([ChatPeer])
    /// The authors blocked on the node.
    case blocked([PublicKey])
    /// The communities the node is in now, in the community book's order.
    case communities([ChatCommunity])
}

/// An author known in a community: the node's answer, and whether the author's latest entry
/// is recent, which the chat's edge judges by its clock.
public struct ChatPerson: Sendable, Equatable {
    /// What the node said of the author.
    public let person: ControlPerson
    /// Whether its latest entry is recent (``ChatPerson/recentWindow``): how people reached
    /// only through other nodes show they are around.
    public let isRecentlyActive: Bool

    /// How recent an entry must be for its author to count as recently active: 10 minutes.
    public static let recentWindow: UInt64 = 600_000

    /// The author's key.
    public var key: PublicKey { person.publicKey }
    /// The latest display name it set, if known.
    public var displayName: String? { person.displayName }
    /// How many entries it wrote in the community.
    public var entryCount: UInt64 { person.headSequence }
    /// When its first entry claims it was written (ms since the epoch), when known.
    public var firstTimestamp: UInt64? { person.firstTimestamp }
    /// When its latest entry claims it was written, when known.
    public var lastTimestamp: UInt64? { person.lastTimestamp }
    /// Whether the node has a session with it now.
    public var isOnline: Bool { person.online }

    /// The node's `person`, recently active or not.
    public init(_ person: ControlPerson, isRecentlyActive: Bool = false) {
        self.person = person
        self.isRecentlyActive = isRecentlyActive
    }

    /// A person with every field given (its fingerprint from its key; not the node itself).
    public init(
        key: PublicKey, displayName: String?, entryCount: UInt64, firstTimestamp: UInt64?,
        lastTimestamp: UInt64?, isOnline: Bool, isRecentlyActive: Bool = false
    ) {
        self.init(
            ControlPerson(
                publicKey: key, fingerprint: key.fingerprint.full, displayName: displayName,
                headSequence: entryCount, firstTimestamp: firstTimestamp,
                lastTimestamp: lastTimestamp, online: isOnline, own: false),
            isRecentlyActive: isRecentlyActive)
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
