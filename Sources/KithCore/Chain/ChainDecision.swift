/// What to do with a valid entry given its chain's head (entries.md, the table in "Chains").
public enum ChainDecision: Hashable, Sendable {
    /// The entry extends the head: append it; it becomes the head.
    case append
    /// The entry is already held: ignore it.
    case duplicate
    /// Entries are missing before this one: it cannot be appended until the entry with sequence
    /// `expected` (and those after it) arrive.
    case gap(expected: UInt64)
    /// The entry forks the chain and the chain was not known to be forked: append it flagged as
    /// a fork, keep the head, and mark the chain forked.
    case fork(ForkKind)
    /// The entry would be a fork of a chain already known to be forked: drop it.
    case forkIgnored
}
