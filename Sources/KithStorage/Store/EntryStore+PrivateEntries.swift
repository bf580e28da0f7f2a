import KithCore

extension EntryStore {
    /// The latest `limit` private entries of a community (content.md, `private`), newest first
    /// (reverse log order). Found through the index without scanning the log; fork proofs are not
    /// among them. Empty when `limit` is not positive or the community has no private entry.
    public func privateEntries(in community: CommunityID, newestFirst limit: Int)
        throws(StoreError) -> [Entry]
    {
        var result: [Entry] = []
        guard limit > 0 else { return result }
        try walkPrivateEntries(in: community) { entry in
            result.append(entry)
            return result.count < limit
        }
        return result
    }

    /// Visits the private entries of a community newest first (reverse log order) until `visit`
    /// returns false or none is left. Each step reads one entry; the index links them, so no other
    /// entry is read.
    ///
    /// - Throws: `StoreError` when an entry cannot be read, or when the index names an entry that
    ///   is not private (a damaged index).
    public func walkPrivateEntries(in community: CommunityID, _ visit: (Entry) -> Bool)
        throws(StoreError)
    {
        guard let latest = latestPrivateOrdinal(in: community) else { return }
        _ = try walkPrivateEntries(in: community, from: latest, visit)
    }

    /// The ordinal of the latest private entry of a community, where a walk of them starts; nil
    /// when it has none.
    public func latestPrivateOrdinal(in community: CommunityID) -> UInt64? {
        index.latestPrivate[community]
    }

    /// Visits at most `limit` private entries of a community newest first, from the one at
    /// `ordinal` (``latestPrivateOrdinal(in:)``, or where an earlier walk stopped), and returns
    /// the ordinal of the next one to visit; nil when none is left. Lets a long walk be cut
    /// into bounded steps.
    public func privateEntries(in community: CommunityID, from ordinal: UInt64, limit: Int)
        throws(StoreError) -> (entries: [Entry], next: UInt64?)
    {
        var entries: [Entry] = []
        guard limit > 0 else { return ([], ordinal) }
        let next = try walkPrivateEntries(in: community, from: ordinal) { entry in
            entries.append(entry)
            return entries.count < limit
        }
        return (entries, next)
    }

    /// Visits private entries from the one at `start` on (newest first) until `visit` returns
    /// false or none is left; returns the ordinal of the one after the last visited, nil when
    /// none is left.
    private func walkPrivateEntries(
        in community: CommunityID, from start: UInt64, _ visit: (Entry) -> Bool
    ) throws(StoreError) -> UInt64? {
        var ordinal = start
        while true {
            let entry = try readEntry(ordinal: ordinal)
            guard entry.contentType == .privateMessage, entry.community == community else {
                throw .index(
                    .damaged(
                        index.directory,
                        reason: "ordinal \(ordinal) is linked as a private entry but is not one"))
            }
            let carryOn = visit(entry)
            guard let previous = index.entries.record(at: ordinal)?.channelPrevious,
                previous < ordinal
            else { return nil }
            guard carryOn else { return previous }
            ordinal = previous
        }
    }
}
