/// What opening the store found and did.
public struct StoreOpenReport: Sendable, CustomStringConvertible {
    /// What the log's own recovery found (torn tail cut, corrupt regions in the last segment).
    public var recovery: RecoveryReport
    /// Whether the index had to be rebuilt from the whole log (first open, crash, or damage).
    public var indexRebuilt: Bool
    /// Records read from the log while opening (the tail past the index, or all when rebuilding).
    public var recordsScanned: Int
    /// Corrupt regions found while scanning (beyond those in `recovery`).
    public var corruptRegions: [CorruptRegion]
    /// Records whose payload is not a decodable entry; kept in the log, not indexed.
    public var undecodableRecords: [LogOffset]
    /// Entries that follow a gap in their chain (an earlier entry was lost to corruption); kept in
    /// the log and not indexed until the missing entries are restored by a peer.
    public var unchainedEntries: Int
    /// Whether the signed-sequence file was unreadable and was started again.
    public var signedSequencesRebuilt = false

    /// Whether nothing unusual was found.
    public var isClean: Bool {
        recovery.isClean && corruptRegions.isEmpty && undecodableRecords.isEmpty
            && unchainedEntries == 0 && !signedSequencesRebuilt
    }

    public var description: String {
        var lines: [String] = []
        if !recovery.isClean { lines.append(recovery.description) }
        for region in corruptRegions { lines.append(region.description) }
        if !undecodableRecords.isEmpty {
            lines.append("\(undecodableRecords.count) record(s) are not entries and were skipped")
        }
        if unchainedEntries > 0 {
            lines.append(
                "\(unchainedEntries) entr\(unchainedEntries == 1 ? "y follows" : "ies follow") "
                    + "a lost entry of its chain and wait for a peer to restore it")
        }
        if signedSequencesRebuilt {
            lines.append("the signed-sequence file was damaged and was started again")
        }
        if indexRebuilt { lines.append("index rebuilt from \(recordsScanned) record(s)") }
        return lines.joined(separator: "\n")
    }
}
