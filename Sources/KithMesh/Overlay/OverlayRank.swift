import KithCore

/// A peer's place in a node's secret random order (overlay.md, "Ranking"):
/// `BLAKE2b-256(key: salt, "kith overlay rank v1" ‖ peer key)`, compared byte by byte, smaller
/// first. Ties (which need a BLAKE2b collision) fall back to the peer key.
public struct OverlayRank: Hashable, Sendable, Comparable {
    /// The label of the rank hash.
    public static let label = Array("kith overlay rank v1".utf8)

    /// The 32-byte hash.
    public let bytes: [UInt8]
    /// The peer key, for ties.
    public let key: PublicKey

    /// The rank of `key` under `salt` (32 random bytes, secret to the node).
    public init(of key: PublicKey, salt: [UInt8]) {
        bytes = Blake2b.hash256(key: salt, Self.label + key.bytes)
        self.key = key
    }

    /// Smaller ranks are preferred.
    public static func < (lhs: OverlayRank, rhs: OverlayRank) -> Bool {
        lhs.bytes == rhs.bytes
            ? lhs.key.bytes.lexicographicallyPrecedes(rhs.key.bytes)
            : lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}
