import KithCore

/// Per peer, when the node may connect next: since when it waits for a session, and the backoff
/// after failures (``DialPolicy``). Pure: the caller says what time it is.
struct DialScheduler: Sendable {
    private struct State: Sendable {
        var waitingSince: UInt64
        var failures = 0
        var retryAllowedAt: UInt64 = 0
    }

    /// A session shorter than this counts as a failed attempt for the backoff, so a peer that
    /// closes every session at once is not redialled every second.
    static let shortSession: UInt64 = 10_000

    let policy: DialPolicy
    let localKey: PublicKey
    private var states: [PublicKey: State] = [:]

    init(localKey: PublicKey, policy: DialPolicy = DialPolicy()) {
        self.localKey = localKey
        self.policy = policy
    }

    /// The number of peers tracked.
    var count: Int { states.count }

    /// Starts waiting for a session with `key` at `now`, unless already waiting.
    mutating func noteHeard(_ key: PublicKey, now: UInt64) {
        if states[key] == nil { states[key] = State(waitingSince: now) }
    }

    /// Whether the node should dial `key` at `now` (the caller checks it has no session or dial
    /// in progress with it).
    func isDue(_ key: PublicKey, now: UInt64) -> Bool {
        guard let state = states[key] else { return false }
        return now
            >= policy.earliestDial(
                local: localKey, remote: key, waitingSince: state.waitingSince,
                retryAllowedAt: state.retryAllowedAt)
    }

    /// A dial to `key` failed at `now`: the next is allowed after the backoff.
    mutating func dialFailed(_ key: PublicKey, now: UInt64) {
        var state = states[key] ?? State(waitingSince: now)
        state.failures += 1
        state.retryAllowedAt = now &+ policy.backoff(afterFailures: state.failures)
        states[key] = state
    }

    /// A session with `key` is established: failures are forgiven only once it proves stable.
    mutating func sessionEstablished(_ key: PublicKey) {
        if states[key] == nil { states[key] = State(waitingSince: 0) }
    }

    /// The session with `key` ended at `now` after `duration` milliseconds: the node waits again
    /// (the larger key gives the smaller the first chance), and a short session counts as a failure.
    mutating func sessionEnded(_ key: PublicKey, now: UInt64, duration: UInt64) {
        var state = states[key] ?? State(waitingSince: now)
        state.waitingSince = now
        if duration < Self.shortSession {
            state.failures += 1
            state.retryAllowedAt = now &+ policy.backoff(afterFailures: state.failures)
        } else {
            state.failures = 0
            state.retryAllowedAt = now &+ policy.minimumBackoff
        }
        states[key] = state
    }

    /// Forgets `key` (a peer no longer heard, with no session).
    mutating func forget(_ key: PublicKey) {
        states[key] = nil
    }
}
