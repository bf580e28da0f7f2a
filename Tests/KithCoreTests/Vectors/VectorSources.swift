import KithCore
import KithTestSupport

/// A key made from a fixed seed, with a sentence saying where the seed comes from.
struct VectorKey {
    var name: String
    var seedSource: String
    var seed: [UInt8]
    var key: SigningKey

    init(name: String, seedSource: String, seed: [UInt8]) throws {
        self.name = name
        self.seedSource = seedSource
        self.seed = seed
        self.key = try SigningKey(seed: seed)
    }

    /// A key whose seed is `BLAKE2b-256(text)`.
    init(name: String, hashing text: String) throws {
        try self.init(
            name: name, seedSource: "BLAKE2b-256(\"\(text)\")", seed: Blake2b.hash256(utf8(text)))
    }
}

/// A community key made from a fixed input.
struct VectorCommunity {
    var name: String
    var keySource: String
    var key: CommunityKey

    /// A community whose key is `BLAKE2b-256(text)`.
    init(name: String, hashing text: String) throws {
        self.name = name
        self.keySource = "BLAKE2b-256(\"\(text)\")"
        self.key = try CommunityKey(bytes: Blake2b.hash256(utf8(text)))
    }

    init(name: String, keySource: String, key: CommunityKey) {
        self.name = name
        self.keySource = keySource
        self.key = key
    }
}

/// The fixed inputs every vector is made from.
struct VectorSources {
    let alice: VectorKey
    let bob: VectorKey
    let rfc8032Test1: VectorKey
    let lobby: VectorCommunity
    let garden: VectorCommunity
    let workshop: VectorCommunity

    /// 2026-01-01T00:00:00Z in milliseconds; entry `n` claims this plus `n` minutes.
    static let baseTimestamp: UInt64 = 1_767_225_600_000

    init() throws {
        alice = try VectorKey(
            name: "alice", seedSource: "the 32 bytes 0x00, 0x01, ..., 0x1f", seed: Array(0...31))
        bob = try VectorKey(name: "bob", hashing: "kith vector seed 1")
        rfc8032Test1 = try VectorKey(
            name: "rfc8032-test1", seedSource: "RFC 8032, section 7.1, TEST 1",
            seed: TestHex.bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        lobby = VectorCommunity(
            name: DefaultCommunity.name,
            keySource: "BLAKE2b-256(\"\(DefaultCommunity.keyDerivationMessage)\")",
            key: DefaultCommunity.key)
        garden = try VectorCommunity(name: "garden", hashing: "kith vector community 1")
        workshop = VectorCommunity(
            name: "workshop", keySource: "the 32 bytes 0x00, 0x01, ..., 0x1f",
            key: try CommunityKey(bytes: Array(0...31)))
    }

    /// The timestamp claimed by the `minute`th entry.
    static func timestamp(minute: UInt64) -> UInt64 { baseTimestamp + minute * 60_000 }
}
