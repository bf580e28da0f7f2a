/// The numbers replication.md fixes: message limits, keepalive times and the invalid-entry limit.
public enum ReplicationLimits {
    /// The most proofs one `communities` message holds.
    public static let maxProofs = 64
    /// The most chains one `clock` message holds. A message with fewer ends a clock.
    public static let maxClockChains = 1_024
    /// The most UTF-8 bytes of text in a `goodbye`.
    public static let maxGoodbyeText = 200
    /// Send a `ping` after this many milliseconds without sending anything.
    public static let pingInterval: UInt64 = 15_000
    /// Close a session that received nothing for this many milliseconds.
    public static let idleTimeout: UInt64 = 45_000
    /// A peer that sends this many invalid entries in one session is disconnected.
    public static let invalidEntryLimit = 16
    /// The length of a session id, a community proof, a community id and a public key.
    public static let hashLength = 32
}
