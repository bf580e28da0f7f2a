import KithCore
import KithMesh
import KithSimulation
import Testing

/// Fixed keys and small helpers shared by the replication tests.
enum ReplicationFixtures {
    /// The signing key made from 32 bytes of `byte`.
    static func signingKey(_ byte: UInt8) -> SigningKey {
        (try? SigningKey(seed: [UInt8](repeating: byte, count: 32))) ?? SigningKey.generate()
    }

    /// The community key made of 32 bytes of `byte`.
    static func communityKey(_ byte: UInt8) -> CommunityKey {
        (try? CommunityKey(bytes: [UInt8](repeating: byte, count: 32))) ?? CommunityKey.generate()
    }

    /// A public key that no one signs with, made of 32 bytes counting up from `seed`.
    static func publicKey(_ seed: Int) -> PublicKey {
        let bytes = (0..<32).map { UInt8(truncatingIfNeeded: seed >> (8 * ($0 % 4)) &+ $0 / 4) }
        return (try? PublicKey(bytes: bytes)) ?? signingKey(0).publicKey
    }

    /// A 32-byte session id made of `byte`.
    static func sessionID(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }

    /// The messages `actions` send to `peer`, in order.
    static func messages(_ actions: [ReplicationAction], to peer: PeerHandle)
        -> [ReplicationMessage]
    {
        actions.compactMap { action in
            if case .send(peer, let message) = action { return message }
            return nil
        }
    }

    /// The entries `actions` send to `peer`, in order.
    static func entries(_ actions: [ReplicationAction], to peer: PeerHandle) -> [Entry] {
        messages(actions, to: peer).compactMap { message in
            if case .entry(let bytes) = message { return try? Entry(decoding: bytes) }
            return nil
        }
    }

    /// The entries `actions` ask to ingest, in order.
    static func ingested(_ actions: [ReplicationAction]) -> [Entry] {
        actions.compactMap { action in
            if case .ingest(_, let entry) = action { return entry }
            return nil
        }
    }

    /// The disconnect reasons in `actions`.
    static func disconnects(_ actions: [ReplicationAction]) -> [DisconnectReason] {
        actions.compactMap { action in
            if case .disconnect(_, let reason) = action { return reason }
            return nil
        }
    }
}

extension ReplicationConfiguration {
    /// The defaults, with digests so rare that none goes out in the time a unit test covers.
    static var withoutDigests: ReplicationConfiguration {
        var configuration = ReplicationConfiguration()
        configuration.digestQuietDelay = 1_000_000_000
        configuration.digestInterval = 1_000_000_000
        return configuration
    }
}

/// A source with a fixed clock and no entries, for tests of clock handling.
struct FixedClockSource: ReplicationSource {
    var clocks: [CommunityID: [ClockItem]]

    func clock(of community: CommunityID) -> [ClockItem] { clocks[community] ?? [] }

    func entries(of chain: ChainKey, from sequence: UInt64, limit: Int) -> [Entry] { [] }
}

/// One engine under test with one peer, driven message by message.
struct EngineHarness {
    let community: CommunityKey
    let local: SigningKey
    let remote: SigningKey
    let log: SimulatedLog
    var engine: ReplicationEngine<SimulatedLog>
    let peer = PeerHandle(1)
    let sessionID = ReplicationFixtures.sessionID(7)

    init(
        communities: [CommunityKey] = [ReplicationFixtures.communityKey(1)],
        log: SimulatedLog = SimulatedLog(),
        configuration: ReplicationConfiguration = .init(),
        local: SigningKey = ReplicationFixtures.signingKey(100),
        remote: SigningKey = ReplicationFixtures.signingKey(101)
    ) {
        self.community = communities[0]
        self.local = local
        self.remote = remote
        self.log = log
        self.engine = ReplicationEngine(
            localKey: local.publicKey, communities: communities, source: log,
            configuration: configuration)
    }

    /// The session info for the harness's peer (or another handle and remote key).
    func info(peer: PeerHandle? = nil, remote: PublicKey? = nil, sessionID: [UInt8]? = nil)
        -> ReplicationSessionInfo
    {
        ReplicationSessionInfo(
            peer: peer ?? self.peer, sessionID: sessionID ?? self.sessionID,
            remoteKey: remote ?? self.remote.publicKey, community: community.id)
    }

    /// The proof the peer sends for `key` in this session.
    func peerProof(_ key: CommunityKey) -> CommunityProof {
        CommunityProof(key: key, sessionID: sessionID, sender: remote.publicKey)
    }

    /// Feeds `message` from `peer` as an encoded frame.
    mutating func receive(_ message: ReplicationMessage, from peer: PeerHandle? = nil) throws
        -> [ReplicationAction]
    {
        engine.handle(.frameReceived(peer ?? self.peer, try message.encoded()))
    }

    /// Opens the session, receives the peer's proofs for `shared` and its complete clock
    /// `peerClock` of the harness community, and gives it `bufferSpace`. With `asking`, the peer
    /// asks for every chain to be pushed: its items carry the push flag, and the chains of the
    /// harness's log it does not list are asked for at sequence 0. Returns every action.
    @discardableResult
    mutating func establish(
        peerClock: [ClockItem] = [], shared: [CommunityKey]? = nil, bufferSpace: Int = 1 << 20,
        asking: Bool = true
    ) throws -> [ReplicationAction] {
        var items = peerClock
        if asking {
            items = items.map { ClockItem(author: $0.author, sequence: $0.sequence, push: true) }
            let listed = Set(items.map(\.author))
            for item in log.clock(of: community.id) where !listed.contains(item.author) {
                items.append(ClockItem(author: item.author, sequence: 0, push: true))
            }
        }
        var actions = engine.handle(.sessionOpened(info()))
        actions += try receive(.communities((shared ?? [community]).map(peerProof)))
        actions += try receive(.clock(community: community.id, chains: items))
        actions += engine.handle(.writable(peer, bufferSpace: bufferSpace))
        return actions
    }

    /// The action that sends the harness's peer a `clock` of the harness community holding the
    /// one item `(author, sequence, push)`.
    func sendsItem(_ author: PublicKey, _ sequence: UInt64, push: Bool = false)
        -> ReplicationAction
    {
        .send(
            peer,
            .clock(
                community: community.id,
                chains: [ClockItem(author: author, sequence: sequence, push: push)]))
    }

    /// The peer asks for `authors`' chains to be pushed (at the sequences it holds, 0 by
    /// default), in one `clock` message.
    mutating func ask(_ authors: [PublicKey], holding: [PublicKey: UInt64] = [:]) throws
        -> [ReplicationAction]
    {
        let items = authors.map {
            ClockItem(author: $0, sequence: holding[$0] ?? 0, push: true)
        }
        return try receive(.clock(community: community.id, chains: items))
    }
}
