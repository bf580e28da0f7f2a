import KithCore

/// When and how an entry reached this node: posted here, received from a session peer, or
/// received as an entry datagram
/// (log.md, "The arrivals file"). Local knowledge, never sent and never signed.
public struct Arrival: Sendable, Hashable {
    /// Where an entry came from.
    public enum Source: Sendable, Hashable {
        /// Signed and appended by this node (a post, a nick, a topic).
        case posted
        /// Received in a session with this peer (its long-term key).
        case peer(PublicKey)
        /// Received as an entry datagram of the fast path (fastpath.md) from its author.
        case datagram(PublicKey)

        /// The node the entry came from: the session peer or the datagram's sender; nil when it
        /// was posted here.
        public var sender: PublicKey? {
            switch self {
            case .posted: nil
            case .peer(let key), .datagram(let key): key
            }
        }
    }

    /// Where the entry came from.
    public var source: Source
    /// When it was appended to this node's log, in milliseconds since the Unix epoch, by this
    /// node's clock.
    public var time: UInt64

    /// An arrival from `source` at `time`.
    public init(source: Source, time: UInt64) {
        self.source = source
        self.time = time
    }
}
