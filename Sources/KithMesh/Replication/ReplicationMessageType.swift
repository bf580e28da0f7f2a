/// The type byte that starts every replication message (replication.md, "Messages").
public enum ReplicationMessageType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// `0x01`: proofs of the communities the sender is in.
    case communities = 0x01
    /// `0x02`: chains the sender holds in one community, with their head sequences and push flags.
    case clock = 0x02
    /// `0x03`: one entry, exactly as signed.
    case entry = 0x03
    /// `0x04`: a keepalive that asks for a `pong`.
    case ping = 0x04
    /// `0x05`: the answer to a `ping`.
    case pong = 0x05
    /// `0x06`: the sender is closing the session, and why.
    case goodbye = 0x06
    /// `0x07`: a digest of the sender's clock of one community, in 16 buckets.
    case digest = 0x07

    /// The message's name as replication.md writes it.
    public var description: String {
        switch self {
        case .communities: "communities"
        case .clock: "clock"
        case .entry: "entry"
        case .ping: "ping"
        case .pong: "pong"
        case .goodbye: "goodbye"
        case .digest: "digest"
        }
    }
}
