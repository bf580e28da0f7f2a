import KithCore

/// What became of one entry a peer sent, reported by the IO layer after it verified the entry and
/// classified it against its log (entries.md, "Chains").
public enum IngestOutcome: Equatable, Sendable {
    /// The entry is valid; `decision` is what `ChainRules.classify` said for `chain`. An `.append`
    /// (and a `.fork`, kept as proof) was stored; the IO layer reports an `.append` to the engine
    /// with ``ReplicationEvent/entriesAppended(_:from:)`` as well.
    case valid(ChainKey, ChainDecision)
    /// The entry is invalid (entries.md, "Validation of a single entry"): it was dropped.
    case invalid(EntryError)
}
