/// The answer to one control request, or one line of a `tail` subscription (Protocol/control.md):
/// one case per kind of answer, each with what it carries.
public enum ControlResponse: Sendable, Equatable {
    /// A refused request (`"ok":false`), and why.
    case failed(String)
    /// `status`.
    case nodeStatus(NodeStatus)
    /// `peers`.
    case peerList([PeerStatus])
    /// An entry the node appended: the answer to `post`, `topic` and `msg`, and each line of a
    /// `tail` subscription.
    case appended(ControlEntry)
    /// The start of a `tail` subscription.
    case tailStarted
    /// `nick`: the communities (ids) the name was set in.
    case nameSet(communities: [String])
    /// `communities_reload`: the communities (ids) the node is in now, joined, and left.
    case reloaded(communities: [String], joined: [String], left: [String])
    /// `history` and `inbox`: entries, in the order the op gives.
    case entryList([ControlEntry])
    /// `people`: one page of people, how many the request selects in all, and how many come
    /// after the page.
    case peoplePage([ControlPerson], total: Int, more: Int)
    /// `channels`.
    case channelList([ControlChannel])
    /// `block`, `hide`, `unblock` and `blocked`: both lists as one.
    case blockedAuthors([ControlBlockedAuthor])
    /// `reach`: sessions open now whose peer holds the entries, and whether any peer did.
    case reach(holders: Int, reached: Bool)

    /// A refusal for `error`.
    public static func refused(_ error: ControlRequestError) -> ControlResponse {
        .failed(error.description)
    }

    /// Whether the request was understood and answered.
    public var ok: Bool {
        if case .failed = self { return false }
        return true
    }

    /// Why not, when the request was refused.
    public var error: String? {
        if case .failed(let reason) = self { return reason }
        return nil
    }

    /// The answer to `status`.
    public var status: NodeStatus? {
        if case .nodeStatus(let status) = self { return status }
        return nil
    }

    /// The answer to `peers`.
    public var peers: [PeerStatus]? {
        if case .peerList(let peers) = self { return peers }
        return nil
    }

    /// The entry appended (`post`, `topic`, `msg`, a `tail` line).
    public var entry: ControlEntry? {
        if case .appended(let entry) = self { return entry }
        return nil
    }

    /// True in the answer that starts a `tail` subscription.
    public var tailing: Bool? {
        if case .tailStarted = self { return true }
        return nil
    }

    /// The communities of `nick` and `communities_reload`.
    public var communities: [String]? {
        switch self {
        case .nameSet(let communities), .reloaded(let communities, _, _): communities
        default: nil
        }
    }

    /// The communities `communities_reload` joined.
    public var joined: [String]? {
        if case .reloaded(_, let joined, _) = self { return joined }
        return nil
    }

    /// The communities `communities_reload` left.
    public var left: [String]? {
        if case .reloaded(_, _, let left) = self { return left }
        return nil
    }

    /// The entries of `history` and `inbox`.
    public var entries: [ControlEntry]? {
        if case .entryList(let entries) = self { return entries }
        return nil
    }

    /// The page of `people`.
    public var people: [ControlPerson]? {
        if case .peoplePage(let people, _, _) = self { return people }
        return nil
    }

    /// How many people `people` selects in all.
    public var total: Int? {
        if case .peoplePage(_, let total, _) = self { return total }
        return nil
    }

    /// How many people `people` selects after this page.
    public var more: Int? {
        if case .peoplePage(_, _, let more) = self { return more }
        return nil
    }

    /// The channels of `channels`.
    public var channels: [ControlChannel]? {
        if case .channelList(let channels) = self { return channels }
        return nil
    }

    /// The blocked and hidden authors.
    public var blocked: [ControlBlockedAuthor]? {
        if case .blockedAuthors(let blocked) = self { return blocked }
        return nil
    }

    /// Sessions whose peer holds the entries `reach` asked about.
    public var holders: Int? {
        if case .reach(let holders, _) = self { return holders }
        return nil
    }

    /// Whether a peer held them since the node started.
    public var reached: Bool? {
        if case .reach(_, let reached) = self { return reached }
        return nil
    }
}
