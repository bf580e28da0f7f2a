import KithCore

/// A request on the control socket (Protocol/control.md): one case per op, each with that op's
/// fields already parsed and checked. A missing `community` is nil: the node's first community.
/// Defaults the protocol gives (`channel` `general`, each op's `limit`) are filled in when a line
/// is decoded.
public enum ControlRequest: Sendable, Equatable {
    /// `status`: what the node sees.
    case status
    /// `peers`: every peer the node knows.
    case peers
    /// `post`: sign and append a post.
    case post(community: CommunityID?, Post)
    /// `nick`: set the display name in one community, or (nil) in every one.
    case nick(community: CommunityID?, DisplayName)
    /// `tail`: follow the entries appended from now on, filtered by community and channel.
    case tail(community: CommunityID?, channel: ChannelName?)
    /// `history`: the latest `limit` posts of a channel.
    case history(community: CommunityID?, channel: ChannelName, limit: Int)
    /// `inbox`: the latest `limit` private messages this node sent or received.
    case inbox(community: CommunityID?, limit: Int)
    /// `people`: one page of the people of a community.
    case people(community: CommunityID?, PeopleQuery)
    /// `msg`: seal `text` to `recipient` and publish it.
    case msg(community: CommunityID?, recipient: PublicKey, text: String)
    /// `channels`: the channels of a community.
    case channels(community: CommunityID?)
    /// `topic`: sign and append a topic entry.
    case topic(community: CommunityID?, Topic)
    /// `block`: refuse an author's entries.
    case block(PublicKey)
    /// `hide`: hide an author from this node's user.
    case hide(PublicKey)
    /// `unblock`: take an author off either list.
    case unblock(PublicKey)
    /// `blocked`: both lists.
    case blocked
    /// `reach`: whether peers hold the node's own chain through `sequence` (1 or more).
    case reach(community: CommunityID?, sequence: UInt64)
    /// `communities_reload`: follow the home's community list.
    case communitiesReload

    /// The `limit` of `history` when a request gives none, and the ones it may give.
    public static let historyLimit = (default: 50, allowed: 1...1_000)
    /// The `limit` of `inbox` when a request gives none, and the ones it may give.
    public static let inboxLimit = (default: 20, allowed: 1...200)

    /// The op's name on the wire.
    public var op: String {
        switch self {
        case .status: "status"
        case .peers: "peers"
        case .post: "post"
        case .nick: "nick"
        case .tail: "tail"
        case .history: "history"
        case .inbox: "inbox"
        case .people: "people"
        case .msg: "msg"
        case .channels: "channels"
        case .topic: "topic"
        case .block: "block"
        case .hide: "hide"
        case .unblock: "unblock"
        case .blocked: "blocked"
        case .reach: "reach"
        case .communitiesReload: "communities_reload"
        }
    }
}
