/// Why a node closes a session, the `reason u8` of a `goodbye` (replication.md).
///
/// A reason this version does not know is kept as its number: the session closes all the same.
public struct GoodbyeReason: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The byte as sent.
    public var rawValue: UInt8

    /// The reason with code `rawValue`, known or not.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// `0`: the node is shutting down.
    public static let shutdown = GoodbyeReason(rawValue: 0)
    /// `1`: the node has too many sessions.
    public static let tooManySessions = GoodbyeReason(rawValue: 1)
    /// `2`: another session with the same peer is kept (sessions.md).
    public static let duplicateSession = GoodbyeReason(rawValue: 2)
    /// `3`: the peer broke the protocol.
    public static let protocolError = GoodbyeReason(rawValue: 3)
    /// `4`: the peer sent too many invalid entries.
    public static let invalidEntries = GoodbyeReason(rawValue: 4)
    /// `5`: the node keeps a session with other peers instead (overlay.md, "Letting go").
    public static let rebalancing = GoodbyeReason(rawValue: 5)
    /// `6`: the node joined or left a community the session shares or could share; the session is
    /// reopened to agree on the shared communities again (replication.md, "Joining and leaving").
    public static let communitiesChanged = GoodbyeReason(rawValue: 6)

    /// The reason's name, or `reason N` for a code this version does not know.
    public var description: String {
        switch rawValue {
        case 0: "shutdown"
        case 1: "too many sessions"
        case 2: "duplicate session"
        case 3: "protocol error"
        case 4: "invalid entries"
        case 5: "rebalancing"
        case 6: "communities changed"
        default: "reason \(rawValue)"
        }
    }
}
