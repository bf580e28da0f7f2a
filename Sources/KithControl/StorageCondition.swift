/// Whether the node can store entries (control.md, `status`, `storage`).
public enum StorageCondition: String, Codable, Sendable {
    /// Entries from peers and local posts are stored.
    case ok
    /// Less than the strangers' reserve is free: strangers' entries are refused (replication.md,
    /// "Strangers"); people the node knows and local posts are still stored.
    case strangersRefused = "strangers_refused"
    /// Less than the reserve is free: entries from peers are refused (not stored, not relayed);
    /// local posts are still written while the disk takes them.
    case low
    /// Writing failed (a full disk): what was appended waits in memory, nothing more is stored
    /// until a retry succeeds.
    case failing
}
