import KithCore

/// The keys of an established session from one node's point of view (sessions.md, "Session keys"):
/// one key for the frames it sends, one for the frames it receives, and the session id both sides
/// share.
public struct SessionKeys: Sendable {
    /// The key of the frames this node sends.
    let sending: SecretBytes
    /// The key of the frames this node receives.
    let receiving: SecretBytes

    /// The 32-byte session id, equal on both sides; replication binds its community proofs to it.
    /// Derived from secrets and never sent.
    public let sessionID: [UInt8]

    /// An encoder for the frames this node sends, its nonce counter at 0.
    public func makeFrameEncoder() -> FrameEncoder {
        FrameEncoder(key: sending)
    }

    /// A decoder for the frames this node receives, its nonce counter at 0.
    public func makeFrameDecoder() -> FrameDecoder {
        FrameDecoder(key: receiving)
    }
}
