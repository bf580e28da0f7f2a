import KithCore
import KithTestSupport

@testable import KithMesh

/// Beacons sealed with fixed nonces, and datagrams a receiver must drop.
struct BeaconVector {
    struct Sealed {
        var name: String
        var communityName: String
        var community: SourcedBytes
        var communityKey: CommunityKey
        var beacon: Beacon
        var bootID: SourcedBytes
        var nonce: SourcedBytes
        /// Whether the plaintext has the flags byte (an earlier sender's has not).
        var hasFlagsByte: Bool
        var plaintext: [UInt8]
        var datagram: [UInt8]
    }

    struct Dropped {
        var name: String
        var rule: String
        var error: BeaconError
        var datagram: [UInt8]
    }

    let sealed: [Sealed]
    let dropped: [Dropped]
    /// The communities of the receiver that must open `sealed` and drop `dropped`.
    let receiverCommunities: [(name: String, key: CommunityKey)]

    init(sources: MeshVectorSources) throws {
        let lobby = SourcedBytes(
            source: "BLAKE2b-256(\"kith default community v1\")", bytes: DefaultCommunity.key.bytes)
        func seal(
            _ name: String, communityName: String, community: SourcedBytes, key: CommunityKey,
            node: SigningKey,
            port: UInt16, boot: Int, counter: UInt64, nonce: Int,
            flags: BeaconFlags = .readsEntryDatagrams, hasFlagsByte: Bool = true
        ) -> Sealed {
            let bootID = MeshVectorSources.bootID(boot)
            let beacon = Beacon(
                nodeKey: node.publicKey, port: port,
                bootID: bootID.bytes.readBigEndian(UInt64.self, at: 0) ?? 0,
                counter: counter, time: MeshVectorSources.time + counter * 1000,
                flags: hasFlagsByte ? flags : [])
            let nonceBytes = MeshVectorSources.beaconNonce(nonce)
            var random = FixedRandomSource(nonceBytes.bytes)
            let datagram: [UInt8]
            let plaintext: [UInt8]
            if hasFlagsByte {
                plaintext = beacon.plaintext
                datagram = BeaconCodec.seal(beacon, with: BeaconKey(community: key), using: &random)
            } else {
                plaintext = Array(beacon.plaintext.dropLast())
                datagram = DatagramEnvelope.seal(
                    plaintext, header: BeaconCodec.header, key: BeaconKey(community: key).secret,
                    using: &random)
            }
            return Sealed(
                name: name, communityName: communityName, community: community, communityKey: key,
                beacon: beacon, bootID: bootID, nonce: nonceBytes, hasFlagsByte: hasFlagsByte,
                plaintext: plaintext, datagram: datagram)
        }
        let gardenBeacon = seal(
            "alice in garden", communityName: "garden", community: sources.garden,
            key: sources.gardenKey,
            node: sources.alice, port: 40123, boot: 1, counter: 0, nonce: 1)
        let lobbyBeacon = seal(
            "alice in lobby", communityName: "lobby", community: lobby, key: DefaultCommunity.key,
            node: sources.alice, port: 40123, boot: 1, counter: 1, nonce: 2)
        let earlierSender = seal(
            "alice in garden, no flags byte (an earlier sender)", communityName: "garden",
            community: sources.garden, key: sources.gardenKey, node: sources.alice, port: 40123,
            boot: 1, counter: 6, nonce: 7, hasFlagsByte: false)
        let bobBeacon = seal(
            "bob in garden", communityName: "garden", community: sources.garden,
            key: sources.gardenKey,
            node: sources.bob, port: 65535, boot: 2, counter: 41, nonce: 3, flags: [])
        sealed = [gardenBeacon, lobbyBeacon, bobBeacon, earlierSender]
        receiverCommunities = [("garden", sources.gardenKey), ("lobby", DefaultCommunity.key)]

        let good = gardenBeacon.datagram
        var flippedTag = good
        flippedTag[good.count - 1] ^= 0x01
        var flippedNonce = good
        flippedNonce[3] ^= 0x80
        let portZero = seal(
            "port zero", communityName: "garden", community: sources.garden, key: sources.gardenKey,
            node: sources.alice, port: 0, boot: 1, counter: 2, nonce: 4)
        let orchard = seal(
            "orchard", communityName: "orchard", community: sources.orchard,
            key: sources.orchardKey,
            node: sources.alice, port: 40123, boot: 1, counter: 3, nonce: 5)
        dropped = [
            Dropped(
                name: "last tag byte changed", rule: "decryption", error: .notForAnyCommunity,
                datagram: flippedTag),
            Dropped(
                name: "nonce bit changed", rule: "decryption", error: .notForAnyCommunity,
                datagram: flippedNonce),
            Dropped(
                name: "a community the receiver is not in (orchard)", rule: "decryption",
                error: .notForAnyCommunity,
                datagram: orchard.datagram),
            Dropped(
                name: "port 0 (sealed correctly)", rule: "port", error: .invalidPort,
                datagram: portZero.datagram),
            Dropped(
                name: "version 2", rule: "version", error: .unsupportedVersion(2),
                datagram: [0x4b, 0x42, 0x02] + good.dropFirst(3)),
            Dropped(
                name: "magic KC", rule: "magic", error: .badMagic,
                datagram: [0x4b, 0x43] + good.dropFirst(2)),
            Dropped(
                name: "one byte shorter than a datagram without the flags byte", rule: "size",
                error: .tooShort(byteCount: 100),
                datagram: Array(earlierSender.datagram.dropLast())),
            Dropped(
                name: "257 bytes", rule: "size", error: .tooLarge(byteCount: 257),
                datagram: good + [UInt8](repeating: 0, count: 257 - good.count)),
        ]
    }

    /// The JSON document of beacon.json.
    var document: OrderedJSON {
        let beacons = sealed.map { sealed -> OrderedJSON in
            let key = BeaconKey(community: sealed.communityKey)
            return .object([
                ("name", .string(sealed.name)),
                ("community", .string(sealed.communityName)),
                ("communityKeySource", .string(sealed.community.source)),
                ("communityKey", .hex(sealed.communityKey.bytes)),
                ("beaconKey", .hex(key.secret.bytes)),
                (
                    "fields",
                    .object([
                        ("nodeKey", .hex(sealed.beacon.nodeKey.bytes)),
                        ("port", .integer(UInt64(sealed.beacon.port))),
                        ("bootIDSource", .string(sealed.bootID.source)),
                        ("bootID", .hex(sealed.bootID.bytes)),
                        ("counter", .integer(sealed.beacon.counter)),
                        ("time", .integer(sealed.beacon.time)),
                        ("flags", .integer(UInt64(sealed.beacon.flags.rawValue))),
                    ])
                ),
                ("flagsByte", .string(sealed.hasFlagsByte ? "present" : "absent")),
                ("plaintext", .hex(sealed.plaintext)),
                ("nonceSource", .string(sealed.nonce.source)),
                ("nonce", .hex(sealed.nonce.bytes)),
                ("associatedData", .hex(BeaconCodec.header)),
                ("datagram", .hex(sealed.datagram)),
            ])
        }
        let drops = dropped.map { dropped -> OrderedJSON in
            .object([
                ("name", .string(dropped.name)),
                ("rule", .string(dropped.rule)),
                ("datagram", .hex(dropped.datagram)),
            ])
        }
        return .object([
            (
                "description",
                .string(
                    "Beacon datagrams (discovery.md) sealed with fixed nonces: the receiver holds the "
                        + "keys of 'receiverCommunities', opens every beacon in 'beacons', and drops every "
                        + "datagram in 'dropped' at the named receiving rule.")
            ),
            ("beaconKeyLabel", .string(BeaconKey.derivationLabel)),
            ("receiverCommunities", .array(receiverCommunities.map { .string($0.name) })),
            ("beacons", .array(beacons)),
            ("dropped", .array(drops)),
        ])
    }
}
