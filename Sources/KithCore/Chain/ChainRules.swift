/// The chain table of entries.md as a pure function.
public enum ChainRules {
    /// Classifies a valid entry against what the log holds for its chain.
    ///
    /// The cases are checked in the order of the table in entries.md: duplicate, next, broken
    /// link, gap, fork. A fork of a chain already known to be forked is `.forkIgnored`.
    ///
    /// - Parameters:
    ///   - entry: a valid entry (it passed `Entry(validating:)`).
    ///   - head: the head of `entry.chain` in the log, or nil when the log holds none of it.
    ///   - alreadyHeld: whether the log already holds an entry with `entry.id`.
    public static func classify(_ entry: Entry, head: ChainHead?, alreadyHeld: Bool)
        -> ChainDecision
    {
        if alreadyHeld { return .duplicate }
        let headSequence = head?.sequence ?? 0
        let headID = head?.id ?? .zero
        let isForked = head?.isForked ?? false
        let (next, overflow) = headSequence.addingReportingOverflow(1)
        if !overflow, entry.sequence == next {
            if entry.previous == headID { return .append }
            return isForked ? .forkIgnored : .fork(.brokenLink)
        }
        if !overflow, entry.sequence > next {
            return .gap(expected: next)
        }
        return isForked ? .forkIgnored : .fork(.sameSequence)
    }
}
