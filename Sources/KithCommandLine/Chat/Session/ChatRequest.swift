import KithCore

/// Something the chat asks of its node. The edge turns it into a control-socket request
/// (Protocol/control.md) and feeds the answer back as ``ChatEvent/replied(_:_:)``.
public enum ChatRequest: Sendable, Equatable {
    /// Post `text` to a channel.
    case post(CommunityID, ChannelName, text: String)
    /// Set the display name in every community.
    case setName(DisplayName)
    /// Set a channel's topic (empty text clears it).
    case setTopic(CommunityID, ChannelName, text: String)
    /// Send a private message.
    case sendPrivate(CommunityID, recipient: PublicKey, text: String)
    /// The latest `limit` posts of a channel.
    case history(CommunityID, ChannelName, limit: Int)
    /// The latest `limit` private messages to or from this node in a community.
    case inbox(CommunityID, limit: Int)
    /// Some of the people known in a community, as the query says (one page of them).
    case people(CommunityID, ChatPeopleQuery)
    /// The channels known in a community.
    case channels(CommunityID)
    /// The node's peers.
    case peers
    /// Block an author on the node: refuse their entries.
    case block(PublicKey)
    /// Hide an author from this node's user (still stored and relayed).
    case hide(PublicKey)
    /// Unblock an author.
    case unblock(PublicKey)
    /// The authors blocked on the node.
    case blockedList
    /// Create a community called `name` with a new key: the edge adds it to the community book
    /// and has the node follow the book; answered with ``ChatReply/communities(_:)``.
    case createCommunity(name: String)
    /// Join the community an invite code carries (as for ``createCommunity(name:)``).
    case joinCommunity(code: String)
    /// Leave a community (as for ``createCommunity(name:)``).
    case leaveCommunity(CommunityID)
}

/// Why the chat made a request: what to do with the answer.
public enum ChatPurpose: Sendable, Equatable {
    /// Load the people of the current community, silently.
    case loadPeople
    /// Load the blocked authors, silently.
    case loadBlocked
    /// Show a channel's recent posts after joining it.
    case joinHistory(ChannelName)
    /// Show `/history`.
    case history(ChannelName)
    /// Show the latest private messages, on start.
    case inbox
    /// Show `/who`: who is online.
    case who
    /// Show the rest of `/who`: who wrote lately through others.
    case whoRecent
    /// Show `/whois` about one person.
    case whois(PublicKey)
    /// Show `/channels`.
    case channels
    /// Show a channel's topic.
    case showTopic(ChannelName)
    /// Show a channel's topic after joining it, if it has one.
    case joinTopic(ChannelName)
    /// Show `/peers`.
    case peers
    /// A post, private message, topic or name was sent: only a failure is shown (the entry
    /// itself comes back through the node's stream).
    case send
    /// A block or unblock of one person.
    case block(PublicKey, blocking: Bool)
    /// Hiding one person.
    case hide(PublicKey)
    /// A community was created, joined or left: adopt the node's new list.
    case changeCommunities(ChatCommunityChange)
}

/// Which change of the communities a request made.
public enum ChatCommunityChange: Sendable, Equatable {
    /// `/community create`.
    case created
    /// `/community join`.
    case joined
    /// `/community leave` of this community.
    case left(CommunityID)
}
