import KithCore
import KithTestSupport

@testable import KithMesh

/// Entry datagrams (fastpath.md) sealed with fixed nonces, and datagrams a receiver must drop.
struct EntryDatagramVector {
    struct Sealed {
        var name: String
        var communityName: String
        var community: SourcedBytes
        var communityKey: CommunityKey
        var datagram: EntryDatagram
        var bootID: SourcedBytes
        var nonce: SourcedBytes
        var bytes: [UInt8]
    }

    struct Dropped {
        var name: String
        var rule: String
        var error: EntryDatagramError
        var bytes: [UInt8]
    }

    let sealed: [Sealed]
    let dropped: [Dropped]
    /// The communities of the receiver that must open `sealed` and drop `dropped`.
    let receiverCommunities: [(name: String, key: CommunityKey)]

    /// The nonce of the `index`th vector entry datagram.
    static func nonce(_ index: Int) -> SourcedBytes {
        SourcedBytes(hashing: "kith vector entry datagram nonce \(index)", count: 24)
    }

    init(sources: MeshVectorSources) throws {
        let lobby = SourcedBytes(
            source: "BLAKE2b-256(\"kith default community v1\")", bytes: DefaultCommunity.key.bytes)
        func entry(_ author: SigningKey, in community: CommunityKey, text: String) throws -> Entry {
            try Entry.sign(
                community: community.id, sequence: 1, previous: .zero,
                timestamp: MeshVectorSources.time, contentType: .post,
                content: try Post(channel: .general, text: text).encoded(), with: author)
        }
        func seal(
            _ name: String, communityName: String, community: SourcedBytes, key: CommunityKey,
            node: SigningKey, entryBytes: [UInt8], boot: Int, counter: UInt64, nonce: Int
        ) -> Sealed {
            let bootID = MeshVectorSources.bootID(boot)
            let datagram = EntryDatagram(
                nodeKey: node.publicKey,
                bootID: bootID.bytes.readBigEndian(UInt64.self, at: 0) ?? 0,
                counter: counter, time: MeshVectorSources.time + counter * 1000,
                entryBytes: entryBytes)
            let nonceBytes = Self.nonce(nonce)
            var random = FixedRandomSource(nonceBytes.bytes)
            let bytes =
                EntryDatagramCodec.seal(
                    datagram, with: EntryDatagramKey(community: key), using: &random) ?? []
            return Sealed(
                name: name, communityName: communityName, community: community,
                communityKey: key, datagram: datagram, bootID: bootID, nonce: nonceBytes,
                bytes: bytes)
        }
        let aliceGarden = try entry(sources.alice, in: sources.gardenKey, text: "hello garden")
        let bobLobby = try entry(sources.bob, in: DefaultCommunity.key, text: "hello lobby")
        let gardenDatagram = seal(
            "alice's entry in garden", communityName: "garden", community: sources.garden,
            key: sources.gardenKey, node: sources.alice, entryBytes: aliceGarden.bytes, boot: 1,
            counter: 0, nonce: 1)
        let lobbyDatagram = seal(
            "bob's entry in lobby", communityName: "lobby", community: lobby,
            key: DefaultCommunity.key, node: sources.bob, entryBytes: bobLobby.bytes, boot: 2,
            counter: 7, nonce: 2)
        sealed = [gardenDatagram, lobbyDatagram]
        receiverCommunities = [("garden", sources.gardenKey), ("lobby", DefaultCommunity.key)]

        let good = gardenDatagram.bytes
        var flippedTag = good
        flippedTag[good.count - 1] ^= 0x01
        let orchard = seal(
            "orchard", communityName: "orchard", community: sources.orchard,
            key: sources.orchardKey, node: sources.alice,
            entryBytes: try entry(sources.alice, in: sources.orchardKey, text: "orchard").bytes,
            boot: 1, counter: 1, nonce: 3)
        let notAnEntry = seal(
            "not an entry", communityName: "garden", community: sources.garden,
            key: sources.gardenKey, node: sources.alice,
            entryBytes: Array(aliceGarden.bytes.dropLast()), boot: 1, counter: 2, nonce: 4)
        let othersEntry = seal(
            "bob's entry sent by alice", communityName: "lobby", community: lobby,
            key: DefaultCommunity.key, node: sources.alice, entryBytes: bobLobby.bytes, boot: 1,
            counter: 3, nonce: 5)
        let otherCommunity = seal(
            "a lobby entry sealed with garden's key", communityName: "garden",
            community: sources.garden, key: sources.gardenKey, node: sources.bob,
            entryBytes: bobLobby.bytes, boot: 2, counter: 8, nonce: 6)
        let minimum = EntryDatagramCodec.minimumDatagramByteCount
        dropped = [
            Dropped(
                name: "last tag byte changed", rule: "decryption", error: .notForAnyCommunity,
                bytes: flippedTag),
            Dropped(
                name: "a community the receiver is not in (orchard)", rule: "decryption",
                error: .notForAnyCommunity, bytes: orchard.bytes),
            Dropped(
                name: "an entry one byte short (sealed correctly)", rule: "entry",
                error: .invalidEntry, bytes: notAnEntry.bytes),
            Dropped(
                name: "bob's entry sent as alice's (sealed correctly)", rule: "author",
                error: .notFromAuthor, bytes: othersEntry.bytes),
            Dropped(
                name: "a lobby entry sealed with garden's key", rule: "community",
                error: .wrongCommunity, bytes: otherCommunity.bytes),
            Dropped(
                name: "version 2", rule: "version", error: .unsupportedVersion(2),
                bytes: [0x4b, 0x45, 0x02] + good.dropFirst(3)),
            Dropped(
                name: "magic KB (a beacon's)", rule: "magic", error: .badMagic,
                bytes: [0x4b, 0x42] + good.dropFirst(2)),
            Dropped(
                name: "\(minimum - 1) bytes", rule: "size",
                error: .tooShort(byteCount: minimum - 1), bytes: Array(good.prefix(minimum - 1))),
            Dropped(
                name: "1,453 bytes", rule: "size", error: .tooLarge(byteCount: 1_453),
                bytes: good + [UInt8](repeating: 0, count: 1_453 - good.count)),
        ]
    }

    /// The JSON document of entry-datagram.json.
    var document: OrderedJSON {
        let datagrams = sealed.map { sealed -> OrderedJSON in
            let key = EntryDatagramKey(community: sealed.communityKey)
            return .object([
                ("name", .string(sealed.name)),
                ("community", .string(sealed.communityName)),
                ("communityKeySource", .string(sealed.community.source)),
                ("communityKey", .hex(sealed.communityKey.bytes)),
                ("entryDatagramKey", .hex(key.secret.bytes)),
                (
                    "fields",
                    .object([
                        ("nodeKey", .hex(sealed.datagram.nodeKey.bytes)),
                        ("bootIDSource", .string(sealed.bootID.source)),
                        ("bootID", .hex(sealed.bootID.bytes)),
                        ("counter", .integer(sealed.datagram.counter)),
                        ("time", .integer(sealed.datagram.time)),
                        ("entry", .hex(sealed.datagram.entryBytes)),
                    ])
                ),
                ("plaintext", .hex(sealed.datagram.plaintext)),
                ("nonceSource", .string(sealed.nonce.source)),
                ("nonce", .hex(sealed.nonce.bytes)),
                ("associatedData", .hex(EntryDatagramCodec.header)),
                ("datagram", .hex(sealed.bytes)),
            ])
        }
        let drops = dropped.map { dropped -> OrderedJSON in
            .object([
                ("name", .string(dropped.name)),
                ("rule", .string(dropped.rule)),
                ("datagram", .hex(dropped.bytes)),
            ])
        }
        return .object([
            (
                "description",
                .string(
                    "Entry datagrams of the fast path (fastpath.md) sealed with fixed nonces: the "
                        + "receiver holds the keys of 'receiverCommunities', opens every datagram in "
                        + "'datagrams' to its fields, and drops every datagram in 'dropped' at the named "
                        + "receiving rule (rules 2 to 7).")
            ),
            ("entryDatagramKeyLabel", .string(EntryDatagramKey.derivationLabel)),
            ("receiverCommunities", .array(receiverCommunities.map { .string($0.name) })),
            ("datagrams", .array(datagrams)),
            ("dropped", .array(drops)),
        ])
    }
}
