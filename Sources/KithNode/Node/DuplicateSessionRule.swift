import KithCore

/// Which of two sessions with the same peer a node keeps (sessions.md, "Failure"): the one opened
/// by the node with the smaller public key, compared byte by byte. Both ends apply the same rule,
/// so they close the same session. Pure.
enum DuplicateSessionRule {
    /// Whether the session opened by `newInitiator` replaces the one opened by
    /// `existingInitiator`. When the same node opened both, the existing one is kept.
    static func keepsNew(existingInitiator: PublicKey, newInitiator: PublicKey) -> Bool {
        guard existingInitiator != newInitiator else { return false }
        return newInitiator.bytes.lexicographicallyPrecedes(existingInitiator.bytes)
    }
}
