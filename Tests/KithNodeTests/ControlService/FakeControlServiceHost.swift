import KithControl
import KithCore
import KithStorage

@testable import KithNode

/// A runtime as a ``ControlService`` sees it, without sockets or a loop: it signs into a real
/// store, records what the service asked of it, and runs the work queued for a later turn only
/// when the test says so.
final class FakeControlServiceHost: ControlServiceHost {
    let store: EntryStore
    let identity: SigningKey
    var isRunning = true
    var communityIDs = [DefaultCommunity.id]
    var authorLists = (blocked: BlockList(), hidden: BlockList())
    /// What the next ``commitOwn(_:)`` answers instead of syncing, when set.
    var commitFailure: NodeError?
    /// Each batch ``commitOwn(_:)`` was given, in order.
    private(set) var commits: [[Entry]] = []
    /// How many times new block lists were put in force.
    private(set) var enforcedCount = 0
    private var workForNextTurn: [() -> Void] = []

    init(store: EntryStore, identity: SigningKey) {
        self.store = store
        self.identity = identity
    }

    func status() -> NodeStatus {
        NodeStatus(
            publicKey: identity.publicKey.hex, fingerprint: identity.publicKey.fingerprint.full,
            sessionPort: 0, discoveryPort: 0, links: [], staticPeers: [], uptimeSeconds: 0,
            entryCount: store.entryCount, sessionCount: 0, pendingHandshakes: 0,
            droppedDatagrams: 0, traffic: NodeTraffic(),
            storage: NodeStorage(
                condition: .ok, availableBytes: nil, reserveBytes: 0, strangerReserveBytes: 0,
                entriesRefused: 0, problem: nil),
            peers: [])
    }

    func onlineKeys(in community: CommunityID) -> Set<PublicKey> { [] }

    func reach(of chain: ChainKey, through sequence: UInt64) -> (holders: Int, reached: Bool) {
        (0, false)
    }

    func appendOwn(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        do {
            return .success(
                try store.appendOwn(
                    contentType: contentType, content: content, in: community, by: identity,
                    timestamp: 1_000 + store.entryCount))
        } catch {
            return .failure(.cannotPost("\(error)"))
        }
    }

    func commitOwn(_ entries: [Entry]) -> Result<Void, NodeError> {
        commits.append(entries)
        if let commitFailure { return .failure(commitFailure) }
        do {
            try store.commitOwn(entries)
        } catch {
            return .failure(.cannotPost("\(error)"))
        }
        return .success(())
    }

    func publish(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        appendOwn(contentType: contentType, content: content, in: community).flatMap { entry in
            commitOwn([entry]).map { entry }
        }
    }

    func enforce(blocked: BlockList, hidden: BlockList) {
        authorLists = (blocked, hidden)
        enforcedCount += 1
    }

    func follow(_ memberships: [CommunityMembership]) -> CommunityChange {
        communityIDs = memberships.map(\.id)
        return CommunityChange(joined: memberships, left: [])
    }

    func inNextTurn(_ work: @escaping () -> Void) {
        workForNextTurn.append(work)
    }

    /// Runs the work queued for the next turn of the loop; false when there was none.
    func runNextTurn() -> Bool {
        let work = workForNextTurn
        workForNextTurn.removeAll()
        for item in work { item() }
        return !work.isEmpty
    }
}

/// The answers a service gave through `later`, in order.
final class LaterAnswers {
    private(set) var all: [ControlResponse] = []

    /// The closure to give the service.
    var collect: (ControlResponse) -> Void {
        { [unowned self] in self.all.append($0) }
    }
}
