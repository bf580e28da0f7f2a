import KithCore

/// A byte string made from a fixed input, with a sentence saying how.
struct SourcedBytes {
    var source: String
    var bytes: [UInt8]

    /// The first `count` bytes of `BLAKE2b-256(text)`.
    init(hashing text: String, count: Int = 32) {
        source =
            count == 32
            ? "BLAKE2b-256(\"\(text)\")" : "the first \(count) bytes of BLAKE2b-256(\"\(text)\")"
        bytes = Array(Blake2b.hash256(Array(text.utf8)).prefix(count))
    }

    init(source: String, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }
}

/// The fixed inputs of the mesh vectors: the same nodes and communities as the core vectors
/// (identity.json, communities.json), plus fixed ephemeral secrets, nonces and boot ids.
struct MeshVectorSources {
    let aliceSeed = SourcedBytes(source: "the 32 bytes 0x00, 0x01, ..., 0x1f", bytes: Array(0...31))
    let bobSeed = SourcedBytes(hashing: "kith vector seed 1")
    let alice: SigningKey
    let bob: SigningKey
    let garden = SourcedBytes(hashing: "kith vector community 1")
    let workshop = SourcedBytes(source: "the 32 bytes 0x00, 0x01, ..., 0x1f", bytes: Array(0...31))
    let orchard = SourcedBytes(hashing: "kith vector community 2")
    let gardenKey: CommunityKey
    let workshopKey: CommunityKey
    let orchardKey: CommunityKey
    let initiatorEphemeral = SourcedBytes(hashing: "kith vector ephemeral 1")
    let responderEphemeral = SourcedBytes(hashing: "kith vector ephemeral 2")

    /// 2026-01-01T00:00:00Z in milliseconds.
    static let time: UInt64 = 1_767_225_600_000

    init() throws {
        alice = try SigningKey(seed: aliceSeed.bytes)
        bob = try SigningKey(seed: bobSeed.bytes)
        gardenKey = try CommunityKey(bytes: garden.bytes)
        workshopKey = try CommunityKey(bytes: workshop.bytes)
        orchardKey = try CommunityKey(bytes: orchard.bytes)
    }

    /// The nonce of the `index`th vector beacon.
    static func beaconNonce(_ index: Int) -> SourcedBytes {
        SourcedBytes(hashing: "kith vector beacon nonce \(index)", count: 24)
    }

    /// The boot id of the `index`th vector run.
    static func bootID(_ index: Int) -> SourcedBytes {
        SourcedBytes(hashing: "kith vector boot \(index)", count: 8)
    }
}
