import KithCore

/// Keys, communities and times the mesh tests share. Seeds and community keys match the core
/// vectors (alice, bob, garden, lobby), so every vector file speaks of the same nodes.
enum MeshFixtures {
    /// The key from seed 0x00...0x1f.
    static func alice() throws -> SigningKey { try SigningKey(seed: Array(0...31)) }

    /// The key from seed `BLAKE2b-256("kith vector seed 1")`.
    static func bob() throws -> SigningKey {
        try SigningKey(seed: Blake2b.hash256(Array("kith vector seed 1".utf8)))
    }

    /// The key from seed `BLAKE2b-256("kith vector seed 2")`.
    static func carol() throws -> SigningKey {
        try SigningKey(seed: Blake2b.hash256(Array("kith vector seed 2".utf8)))
    }

    /// The community whose key is `BLAKE2b-256("kith vector community 1")`.
    static func garden() throws -> CommunityKey {
        try CommunityKey(bytes: Blake2b.hash256(Array("kith vector community 1".utf8)))
    }

    /// The community whose key is `BLAKE2b-256("kith vector community 2")` (not in the core vectors).
    static func orchard() throws -> CommunityKey {
        try CommunityKey(bytes: Blake2b.hash256(Array("kith vector community 2".utf8)))
    }

    /// 2026-01-01T00:00:00Z in milliseconds.
    static let now: UInt64 = 1_767_225_600_000
}
