import KithCore

/// What a session knows about one community it shares with the peer: the peer clock (how far the
/// peer holds each chain, and whether it asked for the chain to be pushed), and whether the peer's
/// first clock has fully arrived.
///
/// The peer clock is bounded whatever the peer sends: chains of authors the node knows (at most
/// as many as the node holds) plus at most `unknownLimit` chains of authors it does not know.
struct PeerCommunityState: Sendable {
    /// One chain of the peer clock.
    struct PeerChain: Sendable, Equatable {
        /// The highest sequence the peer holds or has been sent.
        var held: UInt64
        /// Whether the peer asked for the chain to be pushed.
        var pushed = false
        /// The highest sequence the peer is taken to hold because it heard the datagram that
        /// brought the entry here (fastpath.md): unconfirmed, so only live pushes consult it;
        /// a clock from the peer, which says what it holds, clears it.
        var assumed: UInt64 = 0
        /// Whether a note of the chain went to the peer at once, as to one holding none of it: it
        /// goes at once only the first time (a peer that got the chain by datagram, fastpath.md,
        /// holds it without saying so, and would otherwise be noted at once of every entry).
        var notedAtOnce = false
    }

    /// The chains of authors the node knows.
    private var known: [PublicKey: PeerChain] = [:]
    /// The same for authors the node does not know (yet).
    private var unknown: [PublicKey: PeerChain] = [:]
    /// The authors whose latest item said `2^64 - 1`: the peer refuses them.
    private(set) var refusedByPeer: Set<PublicKey> = []
    /// Whether the peer's first clock of this community has fully arrived: no entry of the
    /// community is sent before.
    var isClockComplete = false

    /// The number of chains in the peer clock.
    var chainCount: Int { known.count + unknown.count }

    /// The sequence the peer is known to hold of `author`'s chain, 0 when none.
    func held(_ author: PublicKey) -> UInt64 {
        known[author]?.held ?? unknown[author]?.held ?? 0
    }

    /// What the peer is taken to hold of `author`'s chain without having said so (it heard the
    /// datagram): at least ``held(_:)``.
    func assumedHeld(_ author: PublicKey) -> UInt64 {
        let chain = known[author] ?? unknown[author]
        return max(chain?.held ?? 0, chain?.assumed ?? 0)
    }

    /// Takes the peer to hold `author`'s chain up to `sequence` without its word (see
    /// ``PeerChain/assumed``). Only chains already in the peer clock are marked.
    mutating func assume(_ author: PublicKey, _ sequence: UInt64) {
        if var chain = known[author] {
            chain.assumed = max(chain.assumed, sequence)
            known[author] = chain
        } else if var chain = unknown[author] {
            chain.assumed = max(chain.assumed, sequence)
            unknown[author] = chain
        }
    }

    /// Whether the peer asked for `author`'s chain to be pushed.
    func isPushed(_ author: PublicKey) -> Bool {
        known[author]?.pushed ?? unknown[author]?.pushed ?? false
    }

    /// Records that the peer holds `author`'s chain up to `sequence`: the value replaces the
    /// known one when `replacing` (a clock says what the peer holds now), else it can only rise.
    /// `push`, when given, replaces the peer's push flag. An author the node does not know is not
    /// recorded once `unknownLimit` such authors are. Returns whether the value was recorded.
    @discardableResult
    mutating func record(
        _ author: PublicKey, _ sequence: UInt64, replacing: Bool, push: Bool? = nil,
        local: LocalClock, unknownLimit: Int
    ) -> Bool {
        let recorded: PeerChain
        if local.knows(author) {
            adopt(author)
            recorded = Self.updated(known[author], sequence, replacing: replacing, push: push)
            known[author] = recorded
        } else if let current = unknown[author] {
            recorded = Self.updated(current, sequence, replacing: replacing, push: push)
            unknown[author] = recorded
        } else {
            guard unknown.count < unknownLimit else { return false }
            recorded = Self.updated(nil, sequence, replacing: replacing, push: push)
            unknown[author] = recorded
        }
        if recorded.held == .max {
            refusedByPeer.insert(author)
        } else if !refusedByPeer.isEmpty {
            refusedByPeer.remove(author)
        }
        return true
    }

    private static func updated(
        _ chain: PeerChain?, _ sequence: UInt64, replacing: Bool, push: Bool?
    ) -> PeerChain {
        var result = chain ?? PeerChain(held: 0)
        result.held = replacing ? sequence : max(result.held, sequence)
        if replacing { result.assumed = 0 }
        if let push { result.pushed = push }
        return result
    }

    /// The chains the peer holds more of than `local`, with what it holds, in key order (refused
    /// chains, at `2^64 - 1`, left out).
    func chainsAhead(of local: LocalClock) -> [(PublicKey, UInt64)] {
        var ahead: [(PublicKey, UInt64)] = []
        for (author, chain) in known where chain.held != .max && chain.held > local[author] {
            ahead.append((author, chain.held))
        }
        for (author, chain) in unknown where chain.held != .max && chain.held > 0 {
            ahead.append((author, chain.held))
        }
        return ahead.sorted { $0.0.bytes.lexicographicallyPrecedes($1.0.bytes) }
    }

    /// Marks that the peer is noted of `author`'s chain at once (``PeerChain/notedAtOnce``);
    /// returns whether this is the first time. An author the node does not know is not recorded
    /// once `unknownLimit` such authors are: then false (its note waits like any other).
    mutating func markNotedAtOnce(_ author: PublicKey, local: LocalClock, unknownLimit: Int)
        -> Bool
    {
        if local.knows(author) {
            adopt(author)
            var chain = known[author] ?? PeerChain(held: 0)
            guard !chain.notedAtOnce else { return false }
            chain.notedAtOnce = true
            known[author] = chain
            return true
        }
        var chain = unknown[author] ?? PeerChain(held: 0)
        guard !chain.notedAtOnce, unknown[author] != nil || unknown.count < unknownLimit else {
            return false
        }
        chain.notedAtOnce = true
        unknown[author] = chain
        return true
    }

    /// Moves `author` to the known authors once the node holds some of its chain.
    mutating func adopt(_ author: PublicKey) {
        guard let chain = unknown.removeValue(forKey: author) else { return }
        if let current = known[author] {
            known[author] = PeerChain(
                held: max(current.held, chain.held), pushed: current.pushed || chain.pushed,
                assumed: max(current.assumed, chain.assumed),
                notedAtOnce: current.notedAtOnce || chain.notedAtOnce)
        } else {
            known[author] = chain
        }
    }
}
