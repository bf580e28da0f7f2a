import KithCore

/// What a closing connection has: why it closes, whether it shut down its sending direction once
/// its queue (a `goodbye`) was sent, and what the session it ends proved and counted (for events
/// and status). Only an established session closes this way; any other connection is closed at
/// once.
struct ClosingState {
    /// Why the connection is being closed (it wins over any later reason).
    let reason: String
    /// The node key the peer proved.
    let remoteKey: PublicKey
    /// When the session was established (monotonic milliseconds).
    let establishedAt: UInt64
    /// Entries from this peer appended to the log in this session (entries decoded before the
    /// close may still be appended).
    var entriesAppended: Int
    /// Whether the sending direction is shut down.
    var hasShutDownWriting = false
}
