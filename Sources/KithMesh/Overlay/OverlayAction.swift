import KithCore

/// What the overlay policy asks the node to do.
public enum OverlayAction: Hashable, Sendable {
    /// Open a session to this peer (at the address it was last heard at).
    case dial(PublicKey)
    /// Close the session with this peer, saying `goodbye` with this reason (5, rebalancing).
    case close(PublicKey, GoodbyeReason)
}

/// How a session the node was about to keep ended up.
public enum OverlayAdmission: Hashable, Sendable {
    /// Keep it.
    case keep
    /// Refuse it with `goodbye` reason 1 (too many sessions).
    case refuse
}

/// Who opened a session.
public enum OverlayDirection: Hashable, Sendable {
    /// This node dialed.
    case outbound
    /// The peer dialed.
    case inbound
}

/// How a session or a dial ended, as far as the overlay cares.
public enum OverlayEnding: Hashable, Sendable {
    /// The connection or handshake failed, the session broke, or the peer broke the protocol.
    case failed
    /// The peer refused the session: `goodbye` reason 1, too many sessions.
    case refused
    /// The peer stopped or rebalanced (`goodbye` 0 or 5), or this node closed it: no fault.
    case normal
    /// The dial was dropped because another session with the peer is kept (sessions.md).
    case superseded
}
