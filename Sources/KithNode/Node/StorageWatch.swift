import KithControl

/// Whether the node can store entries now (replication.md, "Flow control"; control.md, `status`
/// `storage`): the free space measured against the two reserves, a write to the log that fails,
/// an append of a peer's entry that failed a moment ago. It decides only: the runtime measures,
/// retries, warns and tells the replication engine. Lives on the loop thread.
final class StorageWatch {
    /// How long storing entries from peers pauses after an append failed although the disk seemed
    /// to have room (an index that cannot grow, an I/O error); then the node tries again.
    static let appendRetryDelayMilliseconds: UInt64 = 10_000

    /// Below this many free bytes, entries from peers are refused.
    let reserve: UInt64
    /// Below this many free bytes, entries of strangers are refused.
    let strangerReserve: UInt64
    /// Whether entries can be stored now.
    private(set) var condition = StorageCondition.ok
    /// The free bytes last measured, when the system could say.
    private(set) var available: UInt64?
    /// Entries from peers dropped because the disk had no room for them.
    private(set) var entriesRefused = 0
    /// When appending an entry from a peer last failed; storing pauses for a while after it.
    private var appendFailedAt: UInt64?
    /// The last reason an entry from a peer could not be appended, so a full disk warns once.
    private var lastAppendFailureReported: String?

    /// A watch over a disk that must keep `reserve` bytes free, and `strangerReserve` before
    /// strangers' entries are stored.
    init(reserve: UInt64, strangerReserve: UInt64) {
        self.reserve = reserve
        self.strangerReserve = strangerReserve
    }

    /// Whether entries from peers are stored now.
    var storesEntriesFromPeers: Bool {
        condition == .ok || condition == .strangersRefused
    }

    /// Counts an entry from a peer dropped for lack of room.
    func countRefused() {
        entriesRefused += 1
    }

    /// An entry from a peer could not be appended at `now`, for `reason`: storing pauses for
    /// ``appendRetryDelayMilliseconds`` (from the next ``update(writeFailing:available:now:)``).
    /// Returns whether the reason is new since the last one reported, so that it warns once.
    func appendFailed(because reason: String, now: UInt64) -> Bool {
        appendFailedAt = now
        guard reason != lastAppendFailureReported else { return false }
        lastAppendFailureReported = reason
        return true
    }

    /// Takes a new measure: whether writing to the log fails, the free bytes (nil when unknown).
    /// Returns the condition when it changed, nil when it stays.
    func update(writeFailing: Bool, available: UInt64?, now: UInt64) -> StorageCondition? {
        self.available = available
        let condition: StorageCondition
        if writeFailing {
            condition = .failing
        } else if let failedAt = appendFailedAt,
            now < failedAt + Self.appendRetryDelayMilliseconds
        {
            condition = .failing
        } else if let available, available < reserve {
            condition = .low
        } else if let available, available < strangerReserve {
            condition = .strangersRefused
        } else {
            condition = .ok
        }
        guard condition != self.condition else { return nil }
        self.condition = condition
        if condition == .ok { lastAppendFailureReported = nil }
        return condition
    }
}
