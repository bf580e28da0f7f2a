import KithCore
import KithMesh

/// Which connection is each peer's: the session the node keeps with it (one per peer,
/// sessions.md) and the dial in progress to it; which sessions finished their catch-up; and how
/// many sessions were kept and ended since the start. Pure bookkeeping: the runtime decides,
/// the table only remembers, so no other code can change one without the others.
struct PeerSessionTable {
    private var keptByKey: [PublicKey: PeerHandle] = [:]
    private var dialsByKey: [PublicKey: PeerHandle] = [:]
    private var caughtUpHandles: Set<PeerHandle> = []
    /// Sessions kept since the start.
    private(set) var sessionsOpened = 0
    /// Kept sessions that ended since the start.
    private(set) var sessionsClosed = 0

    /// The session kept with `key`, if any.
    func session(with key: PublicKey) -> PeerHandle? { keptByKey[key] }

    /// Whether `handle` is the session kept with `key`.
    func isKept(_ handle: PeerHandle, for key: PublicKey) -> Bool { keptByKey[key] == handle }

    /// How many peers the node keeps a session with.
    var keptCount: Int { keptByKey.count }

    /// The peers the node keeps a session with, and those sessions.
    var keptSessions: [PublicKey: PeerHandle] { keptByKey }

    /// Keeps `handle` as the session with `key`.
    mutating func keep(_ handle: PeerHandle, for key: PublicKey) {
        keptByKey[key] = handle
        sessionsOpened += 1
    }

    /// Ends the session kept with `key` when it is `handle` (any, when nil); returns whether
    /// one ended.
    @discardableResult
    mutating func endSession(with key: PublicKey, handle: PeerHandle? = nil) -> Bool {
        guard let kept = keptByKey[key], handle == nil || kept == handle else { return false }
        keptByKey[key] = nil
        sessionsClosed += 1
        return true
    }

    /// Whether a dial to `key` is in progress.
    func isDialing(_ key: PublicKey) -> Bool { dialsByKey[key] != nil }

    /// Notes that `handle` dials `key`.
    mutating func dialStarted(_ handle: PeerHandle, to key: PublicKey) {
        dialsByKey[key] = handle
    }

    /// Ends the dial to `key` when it is `handle`; returns whether it was.
    @discardableResult
    mutating func dialEnded(_ handle: PeerHandle, to key: PublicKey) -> Bool {
        guard dialsByKey[key] == handle else { return false }
        dialsByKey[key] = nil
        return true
    }

    /// Whether the session `handle` was reported caught up.
    func hasCaughtUp(_ handle: PeerHandle) -> Bool { caughtUpHandles.contains(handle) }

    /// Notes that the session `handle` was reported caught up.
    mutating func caughtUp(_ handle: PeerHandle) {
        caughtUpHandles.insert(handle)
    }

    /// Forgets what the table knows of the connection `handle` beyond its session and dial,
    /// which ``endSession(with:handle:)`` and ``dialEnded(_:to:)`` end.
    mutating func connectionClosed(_ handle: PeerHandle) {
        caughtUpHandles.remove(handle)
    }
}
