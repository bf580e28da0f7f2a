import KithCore
import KithMesh
import KithSystem
import Testing

@testable import KithNode

/// The fast path's channel on the discovery sockets (fastpath.md): what it sends and what it lets
/// through.
@Suite("Entry datagram channel")
struct EntryDatagramChannelTests {
    private static func entry(by author: SigningKey) throws -> Entry {
        try Entry.sign(
            community: DefaultCommunity.id, sequence: 1, previous: .zero,
            timestamp: SystemClock.wallMilliseconds(), contentType: .post,
            content: try Post(channel: .general, text: "fast").encoded(), with: author)
    }

    @Test("a node sends no more datagrams than a receiver reads from one source")
    func sendingIsLimited() {
        let key = SigningKey.generate()
        var channel = EntryDatagramChannel(nodeKey: key.publicKey, communities: [])
        let burst = Int(EntryDatagramChannel.datagramBurstPerSource)
        var allowed = 0
        for _ in 0..<(burst + 50) where channel.maySend(now: 1_000) { allowed += 1 }
        #expect(allowed == burst)
        // A second later, a second's worth more.
        var later = 0
        for _ in 0..<(burst + 50) where channel.maySend(now: 2_000) { later += 1 }
        #expect(later == Int(EntryDatagramChannel.datagramsPerSecondPerSource))
    }

    @Test("a node's own datagrams, looped back to it, spend none of their source's budget")
    func ownDatagramsAreNotCounted() throws {
        let alice = SigningKey.generate()
        let bob = SigningKey.generate()
        var channel = EntryDatagramChannel(
            nodeKey: alice.publicKey, communities: [DefaultCommunity.key])
        var other = EntryDatagramChannel(
            nodeKey: bob.publicKey, communities: [DefaultCommunity.key])
        // Both nodes share one host address, as two nodes on one machine do.
        let host = SocketAddress(ipv4: (192, 0, 2, 7), port: 27497)
        func datagram(_ bytes: [UInt8]) -> ReceivedDatagram {
            ReceivedDatagram(
                bytes: bytes, source: host, interfaceIndex: 1, wasMulticast: true,
                wasTruncated: false)
        }
        let burst = Int(EntryDatagramChannel.datagramBurstPerSource)
        // Alice hears a whole burst of her own datagrams at one instant...
        for _ in 0..<burst {
            let own = try #require(channel.seal(try Self.entry(by: alice)))
            #expect(channel.receive(datagram(own), now: 1) == nil)
        }
        // ...and still reads Bob's, from the same address, at that instant.
        let bobs = try #require(other.seal(try Self.entry(by: bob)))
        #expect(channel.receive(datagram(bobs), now: 1) != nil)
        #expect(channel.dropped == 0)
    }

    @Test("a datagram sealed by one node opens at another, once; its own and replays do not")
    func receivingRules() throws {
        let alice = SigningKey.generate()
        let bob = SigningKey.generate()
        var sender = EntryDatagramChannel(
            nodeKey: alice.publicKey, communities: [DefaultCommunity.key])
        var receiver = EntryDatagramChannel(
            nodeKey: bob.publicKey, communities: [DefaultCommunity.key])
        let entry = try Self.entry(by: alice)
        let sealed = sender.seal(entry)
        let bytes = try #require(sealed)
        let source = SocketAddress(ipv4: (192, 0, 2, 7), port: 27497)
        let datagram = ReceivedDatagram(
            bytes: bytes, source: source, interfaceIndex: 1, wasMulticast: true,
            wasTruncated: false)
        let first = receiver.receive(datagram, now: 1)
        #expect(first?.entry == entry)
        // The same datagram again is a replay.
        let again = receiver.receive(datagram, now: 2)
        #expect(again == nil)
        #expect(receiver.dropped == 1)
        // The sender hears its own datagram and drops it without counting it.
        let own = sender.receive(datagram, now: 3)
        #expect(own == nil)
        #expect(sender.dropped == 0)
        // Another community's receiver cannot open it.
        var stranger = EntryDatagramChannel(
            nodeKey: SigningKey.generate().publicKey, communities: [CommunityKey.generate()])
        let foreign = stranger.receive(datagram, now: 4)
        #expect(foreign == nil)
        #expect(stranger.dropped == 1)
        #expect(sender.sent == 1)
        #expect(receiver.received == 1)
    }
}
