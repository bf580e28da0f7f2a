import KithCore

/// How a peer broke the replication protocol. The engine answers each with `goodbye` reason 3
/// and closes the session.
public enum ReplicationProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A frame that is not a well-formed message.
    case malformed(ReplicationMessageError)
    /// A second `communities` message in one session.
    case repeatedCommunities
    /// A `clock` or `entry` before the peer's `communities` message.
    case beforeCommunities(ReplicationMessageType)
    /// A `clock` or `entry` of a community this session does not share.
    case communityNotShared(CommunityID)

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case .malformed(let error): "malformed message: \(error)"
        case .repeatedCommunities: "a second communities message"
        case .beforeCommunities(let type): "\(type) before communities"
        case .communityNotShared(let community):
            "community \(community.hex.prefix(16)) is not shared"
        }
    }
}
