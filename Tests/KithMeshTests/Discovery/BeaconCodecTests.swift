import KithCore
import KithMesh
import KithTestSupport
import Testing

@Suite("Beacon codec")
struct BeaconCodecTests {
    static func sampleBeacon() throws -> Beacon {
        Beacon(
            nodeKey: try MeshFixtures.alice().publicKey, port: 40123, bootID: 0x0123_4567_89ab_cdef,
            counter: 7, time: MeshFixtures.now)
    }

    @Test("a sealed beacon opens with its community's key and says the same")
    func roundTrip() throws {
        let garden = try MeshFixtures.garden()
        var random = SeededRandomSource("beacon round trip")
        let datagram = BeaconCodec.seal(
            try Self.sampleBeacon(), with: BeaconKey(community: garden), using: &random)
        #expect(datagram.count == 102)
        #expect(Array(datagram.prefix(3)) == [0x4b, 0x42, 0x01])
        let keys = [BeaconKey(community: DefaultCommunity.key), BeaconKey(community: garden)]
        let opened = try BeaconCodec.open(datagram, keys: keys)
        #expect(opened.beacon == (try Self.sampleBeacon()))
        #expect(opened.community == garden)
    }

    @Test("the same beacon sealed twice gives unrelated datagrams (fresh nonce)")
    func freshNonce() throws {
        let key = BeaconKey(community: try MeshFixtures.garden())
        let first = BeaconCodec.seal(try Self.sampleBeacon(), with: key)
        let second = BeaconCodec.seal(try Self.sampleBeacon(), with: key)
        #expect(first != second)
        #expect(first[3..<27] != second[3..<27])
    }

    @Test("a beacon of another community does not open")
    func wrongCommunity() throws {
        let datagram = BeaconCodec.seal(
            try Self.sampleBeacon(), with: BeaconKey(community: try MeshFixtures.garden()))
        let keys = [
            BeaconKey(community: DefaultCommunity.key),
            BeaconKey(community: try MeshFixtures.orchard()),
        ]
        #expect(throws: BeaconError.notForAnyCommunity) {
            try BeaconCodec.open(datagram, keys: keys)
        }
        #expect(throws: BeaconError.notForAnyCommunity) { try BeaconCodec.open(datagram, keys: []) }
    }

    @Test("changing any byte or bit of a datagram makes it fail")
    func tampering() throws {
        let garden = try MeshFixtures.garden()
        let keys = [BeaconKey(community: garden)]
        let datagram = BeaconCodec.seal(try Self.sampleBeacon(), with: keys[0])
        for index in datagram.indices {
            for bit in 0..<8 {
                var damaged = datagram
                damaged[index] ^= 1 << bit
                #expect(throws: BeaconError.self, "byte \(index) bit \(bit)") {
                    try BeaconCodec.open(damaged, keys: keys)
                }
            }
        }
        #expect(throws: BeaconError.badMagic) {
            try BeaconCodec.open([0x4b, 0x43] + datagram.dropFirst(2), keys: keys)
        }
        #expect(throws: BeaconError.unsupportedVersion(2)) {
            try BeaconCodec.open([0x4b, 0x42, 0x02] + datagram.dropFirst(3), keys: keys)
        }
        #expect(throws: BeaconError.notForAnyCommunity) {
            try BeaconCodec.open(datagram + [0], keys: keys)
        }
        #expect(throws: BeaconError.notForAnyCommunity) {
            try BeaconCodec.open(datagram.dropLast(), keys: keys)
        }
        #expect(throws: BeaconError.tooShort(byteCount: 100)) {
            try BeaconCodec.open(datagram.dropLast(2), keys: keys)
        }
    }

    @Test("the flags byte round-trips, and unknown bits are kept but mean nothing")
    func flags() throws {
        let key = BeaconKey(community: try MeshFixtures.garden())
        var beacon = try Self.sampleBeacon()
        #expect(beacon.plaintext.last == 0)
        beacon.flags = .readsEntryDatagrams
        #expect(beacon.plaintext.last == 1)
        let opened = try BeaconCodec.open(BeaconCodec.seal(beacon, with: key), keys: [key])
        #expect(opened.beacon.flags.contains(.readsEntryDatagrams))
        beacon.flags = BeaconFlags(rawValue: 0xfe)
        let unknown = try BeaconCodec.open(BeaconCodec.seal(beacon, with: key), keys: [key])
        #expect(!unknown.beacon.flags.contains(.readsEntryDatagrams))
    }

    @Test("a plaintext without the flags byte (an earlier sender) reads with no flag set")
    func plaintextWithoutFlags() throws {
        var beacon = try Self.sampleBeacon()
        beacon.flags = .readsEntryDatagrams
        let short = Array(beacon.plaintext.dropLast())
        #expect(short.count == 58)
        let read = try #require(Beacon(plaintext: short))
        #expect(read.flags.isEmpty)
        #expect(read.nodeKey == beacon.nodeKey && read.counter == beacon.counter)
        // Bytes after the flags byte are reserved: read past, not refused.
        let longer = try #require(Beacon(plaintext: beacon.plaintext + [7, 7]))
        #expect(longer == beacon)
        #expect(Beacon(plaintext: Array(short.dropLast())) == nil)
    }

    @Test("a datagram over 256 bytes is dropped before anything else, and 256 is read")
    func sizeLimit() throws {
        let keys = [BeaconKey(community: try MeshFixtures.garden())]
        #expect(throws: BeaconError.tooLarge(byteCount: 257)) {
            try BeaconCodec.open([UInt8](repeating: 0, count: 257), keys: keys)
        }
        #expect(throws: BeaconError.tooLarge(byteCount: 65_507)) {
            try BeaconCodec.open(
                [0x4b, 0x42, 0x01] + [UInt8](repeating: 0, count: 65_504), keys: keys)
        }
        #expect(throws: BeaconError.notForAnyCommunity) {
            try BeaconCodec.open(
                [0x4b, 0x42, 0x01] + [UInt8](repeating: 0, count: 253), keys: keys)
        }
        #expect(throws: BeaconError.tooShort(byteCount: 0)) { try BeaconCodec.open([], keys: keys) }
    }

    @Test("a beacon naming port 0 is dropped")
    func portZero() throws {
        var beacon = try Self.sampleBeacon()
        beacon.port = 0
        let key = BeaconKey(community: try MeshFixtures.garden())
        #expect(throws: BeaconError.invalidPort) {
            try BeaconCodec.open(BeaconCodec.seal(beacon, with: key), keys: [key])
        }
    }

    @Test("the announcer counts every datagram it seals, across communities")
    func announcerCounts() throws {
        let alice = try MeshFixtures.alice().publicKey
        var random = SeededRandomSource("announcer")
        var announcer = BeaconAnnouncer(nodeKey: alice, port: 4000, using: &random)
        let keys = [
            BeaconKey(community: try MeshFixtures.garden()),
            BeaconKey(community: DefaultCommunity.key),
        ]
        var counters: [UInt64] = []
        for round in 0..<3 {
            for key in keys {
                let datagram = announcer.nextDatagram(
                    for: key, now: MeshFixtures.now + UInt64(round) * 1000, using: &random)
                let opened = try BeaconCodec.open(datagram, keys: keys)
                #expect(opened.community == key.community)
                #expect(opened.beacon.bootID == announcer.bootID)
                #expect(opened.beacon.port == 4000)
                #expect(opened.beacon.flags.isEmpty)
                counters.append(opened.beacon.counter)
            }
        }
        #expect(counters == [0, 1, 2, 3, 4, 5])
    }
}
