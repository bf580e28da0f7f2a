import KithControl
import KithCore
import KithStorage

/// Answers the requests of the node's control socket (Protocol/control.md): the control ops
/// (`post`, `nick`, `history`, `inbox`, `people`, `msg`, `channels`, `topic`, the block list,
/// `reach`, `communities_reload`) over the node's store, apart from the runtime that runs the
/// mesh. Lives on the loop thread, like the runtime and the ``ControlServer`` it answers for.
///
/// It reads the store itself, and owns what only the control ops need: the posts waiting for
/// their batch's sync (group commit) and the opener of the node's private messages. Everything
/// else it asks its ``ControlServiceHost`` for: signing and publishing, the peers and sessions,
/// and the few actions a request triggers (block lists, communities).
final class ControlService {
    /// The runtime, which owns this service (hence unowned).
    unowned let host: any ControlServiceHost
    /// The node's store: read by the queries; the runtime appends to it.
    let store: EntryStore
    /// The node's key: seals private messages, and tells the node's own entries.
    let identity: SigningKey
    /// Where the block and hidden lists are saved, if the node keeps them (blocklist.md).
    let blockListPath: String?
    let hiddenListPath: String?
    /// The community book `communities_reload` reads, if the node keeps one.
    let communityBookPath: String?
    /// Opens private messages to or from `identity` (its X25519 forms computed once).
    private lazy var privateMessageOpener = PrivateMessageOpener(key: identity)
    /// Posts signed and appended in this turn, each answered once one fsync made them all
    /// durable (``commitPostsAwaitingSync()``).
    private var postsAwaitingSync: [(entry: Entry, answer: (ControlResponse) -> Void)] = []

    /// A service answering for `host` over `store`, signing as `identity`.
    init(
        host: any ControlServiceHost, store: EntryStore, identity: SigningKey,
        blockListPath: String?, hiddenListPath: String?, communityBookPath: String?
    ) {
        self.host = host
        self.store = store
        self.identity = identity
        self.blockListPath = blockListPath
        self.hiddenListPath = hiddenListPath
        self.communityBookPath = communityBookPath
    }

    /// The node's key.
    var localKey: PublicKey { identity.publicKey }

    /// Makes this service the one that answers `server`'s requests and describes its `tail`
    /// entries; `post` requests read together join one batch, committed by one fsync.
    func serve(_ server: ControlServer) {
        server.respond = { [unowned self] request, later in
            self.answer(request, later: later)
        }
        server.joinsBatch = { $0.op == "post" }
        server.commitBatch = { [unowned self] in self.commitPostsAwaitingSync() }
        server.describe = { [unowned self] delivered in self.controlEntry(delivered) }
    }

    /// Answers one control request (Protocol/control.md): now, or by calling `later` once done:
    /// for a request whose work is cut into steps over several turns of the loop (`history`,
    /// `inbox`, `people`), and for a `post`, answered when the batch it joined is durable
    /// (``commitPostsAwaitingSync()``).
    func answer(_ request: ControlRequest, later: @escaping (ControlResponse) -> Void)
        -> ControlResponse?
    {
        do throws(ControlRequestError) {
            return try response(to: request, later: later)
        } catch {
            // A request refused for what it names (a community the node is not in, a field the
            // node cannot use) changes nothing.
            return .refused(error)
        }
    }

    /// The answer of ``answer(_:later:)``, or the reason the request is refused.
    private func response(to request: ControlRequest, later: @escaping (ControlResponse) -> Void)
        throws(ControlRequestError) -> ControlResponse?
    {
        switch request {
        case .status:
            return .nodeStatus(host.status())
        case .peers:
            return .peerList(host.status().peers)
        case .post(let community, let post):
            return try answerPost(post, in: community, later: later)
        case .nick(let community, let name):
            return try answerNick(name, in: community)
        case .tail:
            // The control server turns the connection into a subscription itself.
            return .failed("tail is served by the control socket")
        case .history(let community, let channel, let limit):
            return try answerHistory(channel, in: community, limit: limit, later: later)
        case .inbox(let community, let limit):
            return try answerInbox(in: community, limit: limit, later: later)
        case .people(let community, let query):
            return try answerPeople(query, in: community, later: later)
        case .msg(let community, let recipient, let text):
            return try answerPrivateMessage(text, to: recipient, in: community)
        case .channels(let community):
            return try answerChannels(in: community)
        case .topic(let community, let topic):
            return try answerTopic(topic, in: community)
        case .block(let author):
            return answerBlock(author)
        case .hide(let author):
            return answerHide(author)
        case .unblock(let author):
            return answerUnblock(author)
        case .blocked:
            return blockedResponse()
        case .reach(let community, let sequence):
            return try answerReach(through: sequence, in: community)
        case .communitiesReload:
            return answerCommunitiesReload()
        }
    }

    // MARK: Posting (group commit)

    /// `post`: signs and appends a post, answering with the new entry once it is durable
    /// (Protocol/control.md): through `later`, when the posts of the batch it joined are
    /// committed together (``commitPostsAwaitingSync()``), or at once with why it was refused.
    func answerPost(
        _ post: Post, in requested: CommunityID?, later: @escaping (ControlResponse) -> Void
    ) throws(ControlRequestError) -> ControlResponse? {
        let community = try controlCommunity(requested)
        switch host.appendOwn(contentType: .post, content: post.encoded(), in: community) {
        case .success(let entry):
            postsAwaitingSync.append((entry, later))
            return nil
        case .failure(let error):
            return .refused(.cannotPublish("\(error)"))
        }
    }

    /// Group commit: makes every post appended since the last commit durable with one fsync,
    /// sends them to peers and `tail` clients, and answers each post's client in order.
    func commitPostsAwaitingSync() {
        guard !postsAwaitingSync.isEmpty else { return }
        let batch = postsAwaitingSync
        postsAwaitingSync.removeAll()
        if case .failure(let failure) = host.commitOwn(batch.map(\.entry)) {
            for post in batch {
                post.answer(.refused(.cannotPublish("\(failure)")))
            }
            return
        }
        for post in batch { post.answer(publishedAnswer(post.entry)) }
    }

    // MARK: Private messages

    /// The opened text of `entry` when it is a private message for or from this node; nil for
    /// any other entry, and for a private message it cannot open (a relay sees only bytes).
    func openedPrivateMessage(_ entry: Entry) -> ControlPrivateMessage? {
        guard entry.contentType == .privateMessage,
            let opened = privateMessageOpener?.open(content: entry.content, authorKey: entry.author)
        else { return nil }
        return ControlPrivateMessage(
            sender: opened.sender, recipient: opened.recipient, text: opened.text)
    }
}
