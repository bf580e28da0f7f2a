/// Why the replication engine asks the IO layer to close a session.
public enum DisconnectReason: Hashable, Sendable, CustomStringConvertible {
    /// The peer broke the protocol; a `goodbye` (reason 3) was sent first.
    case protocolError(ReplicationProtocolError)
    /// The peer sent this many invalid entries; a `goodbye` (reason 4) was sent first.
    case tooManyInvalidEntries(Int)
    /// Nothing was received for 45 seconds; nothing was sent.
    case idleTimeout
    /// The peer sent `goodbye`; nothing was sent.
    case peerSaidGoodbye(GoodbyeReason, text: String)
    /// The node asked to close (``ReplicationEvent/closeRequested(_:_:)``); a `goodbye` was sent.
    case closedLocally(GoodbyeReason)

    /// A sentence for the node's log.
    public var description: String {
        switch self {
        case .protocolError(let error): "protocol error: \(error)"
        case .tooManyInvalidEntries(let count): "\(count) invalid entries"
        case .idleTimeout: "nothing received for \(ReplicationLimits.idleTimeout / 1_000) s"
        case .peerSaidGoodbye(let reason, let text): "peer said goodbye (\(reason)): \(text)"
        case .closedLocally(let reason): "closed here (\(reason))"
        }
    }
}
