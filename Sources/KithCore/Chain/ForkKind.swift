/// How an entry contradicts the chain a log holds (entries.md, "Forks").
public enum ForkKind: Hashable, Sendable {
    /// Another entry at a sequence the log already holds (`sequence <= head`).
    case sameSequence
    /// The next sequence (`head + 1`) but a `previous` that is not the head's id.
    case brokenLink
}
