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
        guard var ordinal = index.latestPrivate[community] else { return }
        while true {
            let entry = try readEntry(ordinal: ordinal)
            guard entry.contentType == .privateMessage, entry.community == community else {
                throw .index(
                    .damaged(
                        index.directory,
                        reason: "ordinal \(ordinal) is linked as a private entry but is not one"))
            }
            guard visit(entry),
                let previous = index.entries.record(at: ordinal)?.channelPrevious,
                previous < ordinal
            else { return }
            ordinal = previous
        }
    }
}
