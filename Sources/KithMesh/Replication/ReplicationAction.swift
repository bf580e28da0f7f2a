import KithCore

/// What the replication engine asks the IO layer to do.
public enum ReplicationAction: Hashable, Sendable {
    /// Encode `message` and send it as one frame to the peer, after what was asked before.
    case send(PeerHandle, ReplicationMessage)
    /// The peer sent `entry`, decoded (rules 1 to 5 of entries.md hold) but NOT yet verified:
    /// check its signature, classify it with `ChainRules`, store it when it is appended or a first
    /// fork, then report ``ReplicationEvent/entriesIngested(_:_:)`` (and
    /// ``ReplicationEvent/entriesAppended(_:from:)`` for an append).
    case ingest(PeerHandle, Entry)
    /// Close the session once what was sent before has been flushed. The engine has already
    /// forgotten the session.
    case disconnect(PeerHandle, DisconnectReason)
}
