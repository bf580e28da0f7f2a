import KithControl
import KithCore
import KithStorage

/// The node as its ``ControlService`` sees it: the few figures the control ops read of the
/// runtime, and the few things they ask it to do. ``NodeRuntime`` is the one real host; a test
/// can answer for it. Everything runs on the loop thread, like both.
///
/// The store is not here: the service reads it directly. What is here is what only the runtime
/// can do or know: sign with the node's chain in order, make its entries durable and send them,
/// tell the replication engine, and describe its peers and sessions.
protocol ControlServiceHost: AnyObject {
    /// Whether the node runs: a request worked on over several turns of the loop is not answered
    /// once the node stops.
    var isRunning: Bool { get }

    /// The communities the node is in now, in the order of its community book (the first is the
    /// one a request naming none is about).
    var communityIDs: [CommunityID] { get }

    /// The authors the user blocked (refused) and hid, as the node enforces them now.
    var authorLists: (blocked: BlockList, hidden: BlockList) { get }

    /// What the node sees now: itself, its links, and every peer heard or connected (`status`,
    /// `peers`).
    func status() -> NodeStatus

    /// The keys of the peers with an established session that shares `community`.
    func onlineKeys(in community: CommunityID) -> Set<PublicKey>

    /// How many peers in session hold `chain` through `sequence`, and whether the community's
    /// peers reached it (`reach`).
    func reach(of chain: ChainKey, through sequence: UInt64) -> (holders: Int, reached: Bool)

    /// Signs and appends the node's next entry in `community` without waiting for the disk; no
    /// one sees it before ``commitOwn(_:)`` made it durable (sign after sync).
    func appendOwn(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>

    /// Makes entries from ``appendOwn(contentType:content:in:)`` durable with one sync, then
    /// sends them to peers and `tail` clients. On failure (a full disk) they wait, unsent, until
    /// the log is written, and the error says why.
    func commitOwn(_ entries: [Entry]) -> Result<Void, NodeError>

    /// Signs, appends, syncs and sends the node's next entry in `community`, after any posts
    /// still waiting for their sync.
    func publish(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>

    /// Puts new block and hidden lists in force (already saved): the replication engine refuses
    /// or releases chains when the blocked authors changed.
    func enforce(blocked: BlockList, hidden: BlockList)

    /// Makes the node a member of exactly `memberships` (joining and leaving), carrying the
    /// user's name into the communities joined.
    func follow(_ memberships: [CommunityMembership]) -> CommunityChange

    /// Runs `work` in a later turn of the loop, after other work waiting now.
    func inNextTurn(_ work: @escaping () -> Void)
}
