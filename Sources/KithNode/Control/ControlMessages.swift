/// A request on the control socket (Protocol/control.md): one JSON object on one line.
public struct ControlRequest: Codable, Sendable, Equatable {
    /// What is asked: `status`, `peers`, `post`, `nick`, `tail`, `history`, `people`, `channels`,
    /// `topic`, `msg`, `block`, `unblock`, `blocked`, `reach` or `communities_reload`.
    public var op: String
    /// The community to act in or follow, as its id (64 hex digits); nil for the default.
    public var community: String?
    /// The channel to post to or follow (`general` or `#general`).
    public var channel: String?
    /// The text of a post.
    public var text: String?
    /// The display name for `nick`.
    public var name: String?
    /// How many entries `history` and `inbox`, or people `people`, return at most.
    public var limit: Int?
    /// The recipient's public key (64 hex digits) for `msg`.
    public var recipient: String?
    /// The author's public key (64 hex digits) for `block` and `unblock`, and the one person
    /// `people` answers about.
    public var author: String?
    /// The public key (64 hex digits) a page of `people` starts after.
    public var after: String?
    /// For `people`: only the node itself and the peers online now.
    public var online: Bool?
    /// For `people`: only the authors of recent entries claiming this time or later (ms since
    /// the Unix epoch).
    public var activeSince: UInt64?
    /// For `reach`: the sequence number of the node's own entry asked about.
    public var sequence: UInt64?

    /// A request for `op` with the fields it needs.
    public init(
        op: String, community: String? = nil, channel: String? = nil, text: String? = nil,
        name: String? = nil, limit: Int? = nil, recipient: String? = nil, author: String? = nil,
        after: String? = nil, online: Bool? = nil, activeSince: UInt64? = nil,
        sequence: UInt64? = nil
    ) {
        self.op = op
        self.community = community
        self.channel = channel
        self.text = text
        self.name = name
        self.limit = limit
        self.recipient = recipient
        self.author = author
        self.after = after
        self.online = online
        self.activeSince = activeSince
        self.sequence = sequence
    }
}

/// The answer to one request, or one entry of a `tail` subscription: one JSON object on one line.
public struct ControlResponse: Codable, Sendable, Equatable {
    /// Whether the request was understood and answered.
    public var ok: Bool
    /// Why not, when `ok` is false.
    public var error: String?
    /// The answer to `status`.
    public var status: NodeStatus?
    /// The answer to `peers`.
    public var peers: [PeerStatus]?
    /// The entry `post` appended, or an entry a `tail` subscription follows.
    public var entry: ControlEntry?
    /// The communities (ids) `nick` set the name in, or the node is in after
    /// `communities_reload`.
    public var communities: [String]?
    /// The communities (ids) `communities_reload` joined.
    public var joined: [String]?
    /// The communities (ids) `communities_reload` left.
    public var left: [String]?
    /// True in the answer that starts a `tail` subscription.
    public var tailing: Bool?
    /// The entries `history` found, oldest first.
    public var entries: [ControlEntry]?
    /// The authors `people` knows in a community: one page of them.
    public var people: [ControlPerson]?
    /// How many people `people` selects in all, on every page.
    public var total: Int?
    /// How many people `people` selects after the last one of this page.
    public var more: Int?
    /// The channels `channels` knows in a community.
    public var channels: [ControlChannel]?
    /// The authors blocked on this node (`block`, `unblock`, `blocked`).
    public var blocked: [ControlBlockedAuthor]?
    /// The answer to `reach`: how many peers in session hold the node's own entries through
    /// the sequence asked about.
    public var holders: Int?
    /// The answer to `reach`: whether a peer held them in any session since the node started.
    public var reached: Bool?

    /// A successful answer to `status`.
    public init(status: NodeStatus) {
        ok = true
        self.status = status
    }

    /// A successful answer to `peers`.
    public init(peers: [PeerStatus]) {
        ok = true
        self.peers = peers
    }

    /// A successful answer carrying one entry (`post`, and each line of `tail`).
    public init(entry: ControlEntry) {
        ok = true
        self.entry = entry
    }

    /// A successful answer to `nick` (and the start of one to `communities_reload`).
    public init(communities: [String]) {
        ok = true
        self.communities = communities
    }

    /// A successful answer to `history`.
    public init(entries: [ControlEntry]) {
        ok = true
        self.entries = entries
    }

    /// A successful answer to `people`: a page of `total` people, `more` of them after it.
    public init(people: [ControlPerson], total: Int, more: Int) {
        ok = true
        self.people = people
        self.total = total
        self.more = more
    }

    /// A successful answer to `channels`.
    public init(channels: [ControlChannel]) {
        ok = true
        self.channels = channels
    }

    /// A successful answer to `block`, `unblock` and `blocked`.
    public init(blocked: [ControlBlockedAuthor]) {
        ok = true
        self.blocked = blocked
    }

    /// A successful answer to `reach`.
    public init(holders: Int, reached: Bool) {
        ok = true
        self.holders = holders
        self.reached = reached
    }

    /// The answer that starts a `tail` subscription.
    public static var tailStarted: ControlResponse {
        var response = ControlResponse(ok: true)
        response.tailing = true
        return response
    }

    private init(ok: Bool) {
        self.ok = ok
    }

    /// A failed request.
    public init(error: String) {
        ok = false
        self.error = error
    }
}
