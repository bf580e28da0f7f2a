import KithCore

/// What happened to one entry offered to the store.
public enum AppendOutcome: Sendable, Equatable {
    /// Appended as the next entry of its chain.
    case appended(Entry)
    /// Appended as proof of a fork of its chain (the chain is not extended by it).
    case forkRecorded(Entry)
    /// Already held; nothing written.
    case duplicate(Entry)
    /// Its chain is missing earlier entries (`expected` is the next sequence the store can take).
    case gap(Entry, expected: UInt64)
    /// A further fork of a chain already known to be forked; dropped.
    case forkIgnored(Entry)
    /// Not a valid entry; dropped.
    case invalid(EntryError)
    /// Valid, but not stored because writing failed (a full disk; ``EntryStore/lastAppendFailure``
    /// says why). Nothing of it is in the log; it can be offered again later.
    case notStored(Entry)

    /// The entry, when it was valid.
    public var entry: Entry? {
        switch self {
        case .appended(let entry), .forkRecorded(let entry), .duplicate(let entry),
            .gap(let entry, _), .forkIgnored(let entry), .notStored(let entry):
            return entry
        case .invalid:
            return nil
        }
    }

    /// Whether something was written to the log.
    public var wroteToLog: Bool {
        switch self {
        case .appended, .forkRecorded: return true
        default: return false
        }
    }
}
