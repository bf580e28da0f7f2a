import KithCore

/// When and how an entry reached this node: posted here, or received from a session peer
/// (log.md, "The arrivals file"). Local knowledge, never sent and never signed.
public struct Arrival: Sendable, Hashable {
    /// Where an entry came from.
    public enum Source: Sendable, Hashable {
        /// Signed and appended by this node (a post, a nick, a topic).
        case posted
        /// Received in a session with this peer (its long-term key).
        case peer(PublicKey)
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
