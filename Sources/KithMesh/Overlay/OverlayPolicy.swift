import KithCore

/// Which sessions a node keeps (overlay.md), as a pure state machine: the node reports the peers
/// it hears and what becomes of its sessions and dials; ``decide(now:)`` says whom to dial and
/// which sessions to let go, and ``admit(_:direction:now:)`` whether to keep a new session.
///
/// The node wants its best-ranked candidates under a secret salt (one per link it hears peers on,
/// its static peers, then the best overall up to `outboundSessions`). It fills its chosen places
/// at once, improves on them one mature candidate at a time, and lets a session it opened go only
/// once a replacement is up. Sessions peers open take the accepted places while there is room;
/// nothing is ever closed to make room. Given the same calls it returns the same answers.
public struct OverlayPolicy: Sendable {
    /// A peer heard by its beacons.
    struct Candidate: Sendable {
        var rank: OverlayRank
        var links: Set<OverlayLink>
        var isStatic: Bool
        var firstHeard: UInt64
    }

    /// Failed dials in a row, refusals in a row, and when the peer may be dialed again.
    struct Backoff: Sendable {
        var failures = 0
        var refusals = 0
        var retryAt: UInt64 = 0
    }

    /// An established session the policy keeps.
    struct Session: Sendable {
        var direction: OverlayDirection
        var establishedAt: UInt64
    }

    /// This node's key.
    public let localKey: PublicKey
    /// The numbers of overlay.md.
    public let configuration: OverlayConfiguration
    private let salt: [UInt8]
    private var candidates: [PublicKey: Candidate] = [:]
    /// The candidates, best-ranked first.
    private var ranked: [PublicKey] = []
    /// Their ranks, in the same order.
    private var rankedRanks: [OverlayRank] = []
    private var backoffs: [PublicKey: Backoff] = [:]
    private var sessions: [PublicKey: Session] = [:]
    private var dialing: Set<PublicKey> = []
    /// The number of candidates that are static peers.
    private var staticCount = 0
    /// The number of candidates heard on each link.
    private var linkCounts: [OverlayLink: Int] = [:]
    /// The dial in progress that improves on a choice the node already has, if any.
    private var improving: PublicKey?

    /// A policy for the node `localKey`, ranking peers under `salt` (32 secret random bytes, a
    /// new draw each run).
    public init(
        localKey: PublicKey, salt: [UInt8], configuration: OverlayConfiguration = .init()
    ) {
        self.localKey = localKey
        self.salt = salt
        self.configuration = configuration
    }

    // MARK: What the node reports

    /// A beacon from `key` passed on `link` at `now`; `isStatic` when it came from one of the
    /// node's configured static peers.
    public mutating func heard(
        _ key: PublicKey, on link: OverlayLink, isStatic: Bool = false, now: UInt64
    ) {
        guard key != localKey else { return }
        if candidates[key] != nil {
            if candidates[key]?.links.insert(link).inserted == true {
                linkCounts[link, default: 0] += 1
            }
            if isStatic, candidates[key]?.isStatic == false {
                candidates[key]?.isStatic = true
                staticCount += 1
            }
            return
        }
        linkCounts[link, default: 0] += 1
        let candidate = Candidate(
            rank: OverlayRank(of: key, salt: salt), links: [link], isStatic: isStatic,
            firstHeard: now)
        candidates[key] = candidate
        if isStatic { staticCount += 1 }
        let position = Self.insertionIndex(of: candidate.rank, in: rankedRanks)
        ranked.insert(key, at: position)
        rankedRanks.insert(candidate.rank, at: position)
    }

    /// Discovery forgot `key` (not heard for a while): it is no longer a candidate, and its
    /// backoff is forgotten with it. A peer with a session stays until the session ends.
    public mutating func forget(_ key: PublicKey) {
        guard sessions[key] == nil, let candidate = candidates.removeValue(forKey: key) else {
            return
        }
        if candidate.isStatic { staticCount -= 1 }
        for link in candidate.links {
            let count = (linkCounts[link] ?? 1) - 1
            linkCounts[link] = count > 0 ? count : nil
        }
        if let position = ranked.firstIndex(of: key) {
            ranked.remove(at: position)
            rankedRanks.remove(at: position)
        }
        backoffs[key] = nil
    }

    /// A session with `key` finished its handshake: whether to keep it. A kept session is
    /// recorded; the dial to `key`, if any, is over.
    public mutating func admit(_ key: PublicKey, direction: OverlayDirection, now: UInt64)
        -> OverlayAdmission
    {
        if direction == .outbound { endDial(key) }
        let wanted = Set(wanted(now: now))
        guard
            direction == .outbound || wanted.contains(key)
                || acceptedCount(wanted: wanted) < configuration.acceptedSessions
        else { return .refuse }
        sessions[key] = Session(direction: direction, establishedAt: now)
        return .keep
    }

    /// The dial to `key` ended without a kept session (it failed, the peer refused, or another
    /// session with the peer is kept).
    public mutating func dialEnded(_ key: PublicKey, _ ending: OverlayEnding, now: UInt64) {
        endDial(key)
        penalize(key, ending, now: now)
    }

    /// The kept session with `key` ended (overlay.md, "Backoff"). A refusal, or a session shorter
    /// than `shortSession` that failed, puts the peer in backoff; a failed session that lasted
    /// longer clears its backoff. A session that ended normally clears it however short it was,
    /// but the peer is dialed again no sooner than `minimumBackoff` after that session began, so a
    /// peer that ends every session at once is dialed at most once per `minimumBackoff`.
    public mutating func sessionEnded(_ key: PublicKey, _ ending: OverlayEnding, now: UInt64) {
        guard let session = sessions.removeValue(forKey: key) else { return }
        let duration = now >= session.establishedAt ? now - session.establishedAt : 0
        switch ending {
        case .refused:
            penalize(key, ending, now: now)
        case .failed where duration < configuration.shortSession:
            penalize(key, ending, now: now)
        case .failed, .superseded:
            if duration >= configuration.shortSession { backoffs[key] = nil }
        case .normal:
            let (earliest, overflow) = session.establishedAt.addingReportingOverflow(
                configuration.minimumBackoff)
            backoffs[key] = !overflow && earliest > now ? Backoff(retryAt: earliest) : nil
        }
    }

    // MARK: Deciding

    /// What to do now: dial wanted peers while chosen places are free (any wanted peer), or, when
    /// they are full, one mature wanted peer at a time; let go of sessions this node opened
    /// whose peers are no longer wanted once enough chosen sessions remain without them.
    public mutating func decide(now: UInt64) -> [OverlayAction] {
        let wanted = wanted(now: now)
        let wantedSet = Set(wanted)
        let target = max(configuration.outboundSessions, mandatoryCount(now: now))
        var chosen = sessions.filter {
            $0.value.direction == .outbound || wantedSet.contains($0.key)
        }
        .count
        var actions: [OverlayAction] = []
        let unconnected = wanted.filter { sessions[$0] == nil && !dialing.contains($0) }
        if chosen + dialing.count < target {
            for key in unconnected {
                guard chosen + dialing.count < target,
                    sessions.count + dialing.count < configuration.maximumSessions
                else { break }
                dialing.insert(key)
                actions.append(.dial(key))
            }
        } else if improving == nil, dialing.isEmpty,
            sessions.count <= configuration.maximumSessions,
            let key = unconnected.first(where: { isMature($0, now: now) })
        {
            dialing.insert(key)
            improving = key
            actions.append(.dial(key))
        }
        // Letting go, worst-ranked first; peers that are not candidates rank last.
        let droppable = sessions.filter {
            $0.value.direction == .outbound && !wantedSet.contains($0.key)
        }
        .map(\.key)
        .sorted { first, second in
            switch (candidates[first]?.rank, candidates[second]?.rank) {
            case (let a?, let b?): return b < a
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return second.bytes.lexicographicallyPrecedes(first.bytes)
            }
        }
        for key in droppable where chosen > target {
            sessions[key] = nil
            chosen -= 1
            actions.append(.close(key, .rebalancing))
        }
        return actions
    }

    /// The peers the node wants sessions with, in the order overlay.md builds them: the
    /// best-ranked candidate of each link, the static peers, then the best-ranked others up to
    /// `outboundSessions`. Peers in backoff are left out unless they have a session.
    public func wanted(now: UInt64) -> [PublicKey] {
        var result: [PublicKey] = []
        var included: Set<PublicKey> = []
        let add = { (key: PublicKey) in
            if included.insert(key).inserted { result.append(key) }
        }
        for key in mandatory(now: now) { add(key) }
        for key in ranked {
            guard result.count < configuration.outboundSessions else { break }
            if isEligible(key, now: now) { add(key) }
        }
        return result
    }

    // MARK: What the node can ask

    /// The number of sessions kept.
    public var sessionCount: Int { sessions.count }

    /// The number of candidates.
    public var candidateCount: Int { candidates.count }

    /// The number of candidates heard on `link`: what the beacon interval there grows with.
    public func candidateCount(on link: OverlayLink) -> Int {
        linkCounts[link] ?? 0
    }

    /// Whether `key` is a candidate.
    public func isCandidate(_ key: PublicKey) -> Bool { candidates[key] != nil }

    /// Whether a session with `key` is kept.
    public func hasSession(with key: PublicKey) -> Bool { sessions[key] != nil }

    /// The peers a dial is in progress to.
    public var dialsInProgress: Set<PublicKey> { dialing }

    /// When `key` may be dialed again, if it is in backoff at `now`.
    public func backoffEnds(for key: PublicKey, now: UInt64) -> UInt64? {
        guard let backoff = backoffs[key], backoff.retryAt > now else { return nil }
        return backoff.retryAt
    }

    // MARK: Helpers

    /// The best-ranked eligible candidate of each link, in link order, then the eligible
    /// static peers, each once.
    private func mandatory(now: UInt64) -> [PublicKey] {
        var result: [PublicKey] = []
        let links = linkCounts.keys.sorted()
        for link in links {
            if let best = ranked.first(where: {
                candidates[$0]?.links.contains(link) == true && isEligible($0, now: now)
            }), !result.contains(best) {
                result.append(best)
            }
        }
        guard staticCount > 0 else { return result }
        for key in ranked where candidates[key]?.isStatic == true && isEligible(key, now: now) {
            if !result.contains(key) { result.append(key) }
        }
        return result
    }

    private func mandatoryCount(now: UInt64) -> Int { mandatory(now: now).count }

    private func isEligible(_ key: PublicKey, now: UInt64) -> Bool {
        sessions[key] != nil || (backoffs[key]?.retryAt ?? 0) <= now
    }

    private func isMature(_ key: PublicKey, now: UInt64) -> Bool {
        guard let candidate = candidates[key] else { return false }
        return now >= candidate.firstHeard
            && now - candidate.firstHeard >= configuration.matureAfter
    }

    private func acceptedCount(wanted: Set<PublicKey>) -> Int {
        sessions.filter { $0.value.direction == .inbound && !wanted.contains($0.key) }.count
    }

    private mutating func endDial(_ key: PublicKey) {
        dialing.remove(key)
        if improving == key { improving = nil }
    }

    private mutating func penalize(_ key: PublicKey, _ ending: OverlayEnding, now: UInt64) {
        var backoff = backoffs[key] ?? Backoff()
        switch ending {
        case .failed:
            backoff.failures += 1
            let delay = configuration.minimumBackoff << UInt64(min(backoff.failures - 1, 16))
            backoff.retryAt = now + min(configuration.maximumBackoff, delay)
        case .refused:
            backoff.refusals += 1
            let delay = configuration.refusedBackoff << UInt64(min(backoff.refusals - 1, 16))
            backoff.retryAt = now + min(configuration.maximumRefusedBackoff, delay)
        case .normal, .superseded:
            return
        }
        backoffs[key] = backoff
    }

    /// Where `rank` goes in `ranks`, sorted ascending, to keep them sorted.
    private static func insertionIndex(of rank: OverlayRank, in ranks: [OverlayRank]) -> Int {
        var low = 0
        var high = ranks.count
        while low < high {
            let middle = (low + high) / 2
            if ranks[middle] < rank {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
