import KithCore
import KithMesh
import KithSystem

/// The fast path's datagrams (fastpath.md) on the discovery sockets: seals this node's new
/// entries for its links' groups, and applies the receiving rules to datagrams that start with
/// `"KE"`, cheapest first: rate limits, size, magic, version, decryption, entry, own key, replay
/// guard. What passes goes to the node, which still checks the chain and the signature. Lives on
/// the node's loop thread, owned by ``DiscoveryService``.
struct EntryDatagramChannel {
    /// Entry datagrams one source address may send on average per second; more are dropped
    /// unread (sessions carry those entries).
    static let datagramsPerSecondPerSource: Double = 1_000
    /// Entry datagrams one source may send at once.
    static let datagramBurstPerSource: Double = 1_000
    /// Entry datagrams per second read from everyone together: a quarter of what one core
    /// verifies.
    static let datagramsPerSecond: Double = 4_000

    private var keys: [EntryDatagramKey]
    private var sealer: EntryDatagramSealer
    private var replayGuard: BeaconReplayGuard
    private var sourceLimiter = SourceRateLimiter<SocketAddress>(
        burst: datagramBurstPerSource, perSecond: datagramsPerSecondPerSource)
    private var overallLimiter = SourceRateLimiter<Int>(
        burst: datagramsPerSecond, perSecond: datagramsPerSecond, capacity: 1)
    /// What this node sends: no more than a receiver reads from one source; a faster burst's
    /// other entries go by sessions only.
    private var sendLimiter = SourceRateLimiter<Int>(
        burst: datagramBurstPerSource, perSecond: datagramsPerSecondPerSource, capacity: 1)

    /// Entry datagrams sent, and received datagrams that passed every rule here.
    private(set) var sent = 0
    private(set) var received = 0
    /// Datagrams starting with `"KE"` dropped by a rule here (the node's own not counted).
    private(set) var dropped = 0

    init(nodeKey: PublicKey, communities: [CommunityKey]) {
        keys = communities.map { EntryDatagramKey(community: $0) }
        sealer = EntryDatagramSealer(nodeKey: nodeKey, bootID: UInt64.random(in: .min ... .max))
        replayGuard = BeaconReplayGuard(ownKey: nodeKey)
    }

    /// Whether `bytes` is meant for this channel rather than for beacons.
    static func carries(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: EntryDatagramCodec.magic)
    }

    /// Seals and opens the datagrams of `communities` from now on.
    mutating func setCommunities(_ communities: [CommunityKey]) {
        keys = communities.map { EntryDatagramKey(community: $0) }
    }

    /// Whether a datagram may be sent at `now` (monotonic ms): receivers read at most
    /// ``datagramsPerSecondPerSource`` from one source, so sending more only loads the link.
    /// Spends one token when it may.
    mutating func maySend(now: UInt64) -> Bool {
        sendLimiter.allow(0, now: now)
    }

    /// A new datagram carrying `entry`, one of the node's own entries, now durable; nil when the
    /// entry is too large for a datagram or of a community the node is not in.
    mutating func seal(_ entry: Entry) -> [UInt8]? {
        guard let key = keys.first(where: { $0.community.id == entry.community }) else {
            return nil
        }
        var random = SystemRandomSource()
        let sealed = sealer.seal(
            entry.bytes, with: key, now: SystemClock.wallMilliseconds(), using: &random)
        if sealed != nil { sent += 1 }
        return sealed
    }

    /// The receiving rules for `datagram`, arrived at `now` (monotonic ms): the opened datagram,
    /// or nil when a rule dropped it.
    mutating func receive(_ datagram: ReceivedDatagram, now: UInt64) -> OpenedEntryDatagram? {
        guard !datagram.wasTruncated,
            sourceLimiter.allow(datagram.source.withPort(0), now: now),
            overallLimiter.allow(0, now: now),
            let opened = try? EntryDatagramCodec.open(datagram.bytes, keys: keys)
        else {
            dropped += 1
            return nil
        }
        // The node hears its own datagrams (multicast loopback): not a drop worth counting, and
        // not a datagram read from anyone: its tokens go back (fastpath.md, rule 1), or a node
        // sending a burst would spend the budget of every node of its host.
        guard opened.datagram.nodeKey != sealer.nodeKey else {
            sourceLimiter.refund(datagram.source.withPort(0))
            overallLimiter.refund(0)
            return nil
        }
        guard
            case .accepted = replayGuard.admit(opened.datagram, now: SystemClock.wallMilliseconds())
        else {
            dropped += 1
            return nil
        }
        received += 1
        return opened
    }
}
