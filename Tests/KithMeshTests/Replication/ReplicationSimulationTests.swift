import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication simulation")
struct ReplicationSimulationTests {
    typealias Fixtures = ReplicationFixtures
    let lobby = Fixtures.communityKey(1)

    /// Checks that every chain `node` follows is complete from 1 and that nothing is stored twice.
    func expectWellFormed(_ node: SimulatedNode, sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(node.log.entries.count == node.log.storedIDs.count, sourceLocation: sourceLocation)
        var sequences: [ChainKey: [UInt64]] = [:]
        for entry in node.log.entries where !node.log.forkedChains.contains(entry.chain) {
            sequences[entry.chain, default: []].append(entry.sequence)
        }
        for (chain, held) in sequences {
            #expect(
                held == Array(1...UInt64(held.count)), "chain \(chain) out of order",
                sourceLocation: sourceLocation)
        }
    }

    @Test("two nodes exchange entries both ways, with nothing sent twice")
    func twoNodes() throws {
        let mesh = SimulatedMesh(seed: 1)
        let a = mesh.addNode(communities: [lobby])
        let b = mesh.addNode(communities: [lobby])
        let authors = (0..<4).map { _ in mesh.makeKey() }
        for index in 0..<20 {
            try mesh.post("a\(index)", at: a, by: authors[index % 2], in: lobby.id)
            try mesh.post("b\(index)", at: b, by: authors[2 + index % 2], in: lobby.id)
        }
        let link = mesh.connect(a, b, community: lobby.id)
        #expect(mesh.run())
        #expect(mesh.haveConverged([a, b]))
        #expect(a.log.entries.count == 40)
        for index in 0..<10 {
            try mesh.post("live a\(index)", at: a, by: authors[0], in: lobby.id)
            try mesh.post("live b\(index)", at: b, by: authors[3], in: lobby.id)
            mesh.run(maxSteps: 3)
        }
        #expect(mesh.run())
        #expect(mesh.haveConverged([a, b]))
        #expect(b.log.entries.count == 60)
        #expect(link.duplicates == 0)
        #expect(link.entriesDelivered == 60)
        expectWellFormed(a)
        expectWellFormed(b)
    }

    @Test(
        "a line A-B-C relays both ways and never sends an entry the receiver holds",
        arguments: [UInt64(2), 3, 4])
    func line(seed: UInt64) throws {
        let mesh = SimulatedMesh(seed: seed)
        let nodes = (0..<3).map { _ in mesh.addNode(communities: [lobby]) }
        let authors = nodes.map { _ in mesh.makeKey() }
        for (node, author) in zip(nodes, authors) {
            for index in 0..<10 {
                try mesh.post("old \(index)", at: node, by: author, in: lobby.id)
            }
        }
        let links = [
            mesh.connect(nodes[0], nodes[1], community: lobby.id),
            mesh.connect(nodes[1], nodes[2], community: lobby.id),
        ]
        for index in 0..<30 {
            let writer = index % 3
            try mesh.post("new \(index)", at: nodes[writer], by: authors[writer], in: lobby.id)
            mesh.run(maxSteps: 5)
        }
        #expect(mesh.run())
        #expect(mesh.haveConverged(nodes))
        #expect(nodes[0].log.entries.count == 60)
        #expect(links.map(\.duplicates) == [0, 0])
        // A's and C's entries crossed B: the relay is transitive.
        #expect(nodes[2].log.entries.contains { $0.author == authors[0].publicKey })
        #expect(nodes[0].log.entries.contains { $0.author == authors[2].publicKey })
        for node in nodes { expectWellFormed(node) }
    }

    @Test("a late joiner catches up on 10,000 entries exactly, and live entries overtake catch-up")
    func lateJoiner() throws {
        let mesh = SimulatedMesh(seed: 5)
        let authors = (0..<5).map { _ in mesh.makeKey() }
        let history = SimulatedLog()
        for index in 0..<2_000 {
            for author in authors { try history.post("entry \(index)", by: author, in: lobby.id) }
        }
        let veteran = mesh.addNode(communities: [lobby], log: history)
        let newcomer = mesh.addNode(communities: [lobby])
        let link = mesh.connect(veteran, newcomer, community: lobby.id)
        #expect(mesh.run { newcomer.log.entries.count >= 1_000 })
        let live = try mesh.post("just now", at: veteran, by: mesh.makeKey(), in: lobby.id)
        #expect(mesh.run())
        #expect(newcomer.log.storedIDs == veteran.log.storedIDs)
        #expect(newcomer.log.entries.count == 10_001)
        let arrival = try #require(newcomer.received.firstIndex(of: live.id))
        #expect(arrival < 10_000, "the live entry waited for catch-up to finish")
        #expect(link.duplicates == 0)
        expectWellFormed(newcomer)
    }

    @Test(
        "five nodes split in two groups converge after the partition heals",
        arguments: [UInt64(6), 7])
    func partition(seed: UInt64) throws {
        let mesh = SimulatedMesh(seed: seed)
        let nodes = (0..<5).map { _ in mesh.addNode(communities: [lobby]) }
        let authors = nodes.map { _ in mesh.makeKey() }
        var ring = (0..<5).map { mesh.connect(nodes[$0], nodes[($0 + 1) % 5], community: lobby.id) }
        for (node, author) in zip(nodes, authors) {
            try mesh.post("hello", at: node, by: author, in: lobby.id)
        }
        #expect(mesh.run())
        #expect(mesh.haveConverged(nodes))
        // Cut {0, 1, 2} from {3, 4}: the links 2-3 and 4-0 go down.
        mesh.disconnect(ring[2])
        mesh.disconnect(ring[4])
        for round in 0..<8 {
            for (node, author) in zip(nodes, authors) {
                try mesh.post("split \(round)", at: node, by: author, in: lobby.id)
            }
            mesh.run(maxSteps: 20)
        }
        #expect(mesh.run())
        #expect(mesh.haveConverged(Array(nodes[0...2])))
        #expect(mesh.haveConverged(Array(nodes[3...4])))
        #expect(!mesh.haveConverged(nodes))
        // Heal through one new link; post while the sides catch up.
        ring[2] = mesh.connect(nodes[2], nodes[3], community: lobby.id)
        try mesh.post("healed", at: nodes[0], by: authors[0], in: lobby.id)
        #expect(mesh.run())
        #expect(mesh.haveConverged(nodes))
        #expect(nodes[4].log.entries.count == 5 + 5 * 8 + 1)
        for node in nodes { expectWellFormed(node) }
    }

    @Test("a node that lacks a community receives none of its entries or clocks")
    func unsharedCommunity() throws {
        let family = Fixtures.communityKey(2)
        let mesh = SimulatedMesh(seed: 8)
        let member = mesh.addNode(communities: [lobby, family])
        let outsider = mesh.addNode(communities: [lobby])
        let author = mesh.makeKey()
        try mesh.post("secret", at: member, by: author, in: family.id)
        try mesh.post("public", at: member, by: author, in: lobby.id)
        let link = mesh.connect(member, outsider, community: lobby.id)
        #expect(mesh.run())
        try mesh.post("secret 2", at: member, by: author, in: family.id)
        #expect(mesh.run())
        #expect(outsider.log.entries.map(\.community) == [lobby.id])
        #expect(link.directions.0.communities == [lobby.id])
        #expect(member.engine.statistics(of: link.handles.0)?.sharedCommunities == [lobby.id])
        #expect(member.disconnects.isEmpty && outsider.disconnects.isEmpty)
    }

    @Test("invalid entries from a malicious peer are dropped, and the peer is cut off at 16")
    func maliciousPeer() throws {
        let mesh = SimulatedMesh(seed: 9)
        let honest = mesh.addNode(communities: [lobby])
        let mallory = mesh.addNode(communities: [lobby])
        let witness = mesh.addNode(communities: [lobby])
        let attacked = mesh.connect(honest, mallory, community: lobby.id)
        mesh.connect(honest, witness, community: lobby.id)
        #expect(mesh.run())
        let victim = mesh.makeKey()
        var forged: [[UInt8]] = []
        for index in 0..<16 {
            var bytes = try Entry.sign(
                community: lobby.id, sequence: 1, previous: .zero, timestamp: 0, contentType: .post,
                content: Array("forged \(index)".utf8), with: victim
            ).bytes
            if index % 2 == 0 { bytes[EntryFormat.headerSize] ^= 1 } else { bytes[0] = 9 }
            forged.append(bytes)
        }
        let genuine = try Entry.sign(
            community: lobby.id, sequence: 1, previous: .zero, timestamp: 0, contentType: .post,
            content: [1],
            with: mallory.identity)
        for (index, bytes) in forged.enumerated() {
            mesh.inject(try ReplicationMessage.entry(bytes).encoded(), on: attacked, from: mallory)
            if index == 3 {
                mesh.inject(
                    try ReplicationMessage.entry(genuine.bytes).encoded(), on: attacked,
                    from: mallory)
            }
        }
        #expect(mesh.run())
        #expect(honest.disconnects.map(\.reason) == [.tooManyInvalidEntries(16)])
        #expect(!attacked.isOpen)
        for node in [honest, witness] {
            #expect(node.log.entries == [genuine])
        }
    }

    @Test("a flow-blocked peer with a bounded queue still converges", arguments: [UInt64(10), 11])
    func flowBlocked(seed: UInt64) throws {
        var configuration = ReplicationConfiguration()
        configuration.liveQueueLimit = 4
        let mesh = SimulatedMesh(seed: seed, linkCapacity: 2_048, configuration: configuration)
        let a = mesh.addNode(communities: [lobby])
        let b = mesh.addNode(communities: [lobby])
        let link = mesh.connect(a, b, community: lobby.id)
        #expect(mesh.run())
        let authors = (0..<3).map { _ in mesh.makeKey() }
        link.isBlocked = true
        for index in 0..<200 {
            try mesh.post("burst \(index)", at: a, by: authors[index % 3], in: lobby.id)
            let statistics = try #require(a.engine.statistics(of: link.handles.0))
            #expect(statistics.queuedLiveEntries <= 4)
        }
        #expect(link.directions.0.peakQueuedBytes <= mesh.linkCapacity + 512)
        link.isBlocked = false
        #expect(mesh.run())
        #expect(mesh.haveConverged([a, b]))
        #expect(b.log.entries.count == 200)
        #expect(link.duplicates == 0)
        #expect(link.directions.0.peakQueuedBytes <= mesh.linkCapacity + 512)
        expectWellFormed(b)
    }

    @Test("a fork entry is kept as proof and never relayed")
    func forkNotRelayed() throws {
        let mesh = SimulatedMesh(seed: 12)
        let reused = mesh.makeKey()
        let nodes = (0..<3).map { _ in mesh.addNode(communities: [lobby]) }
        var chain: [Entry] = []
        for index in 0..<3 {
            chain.append(try mesh.post("\(index)", at: nodes[0], by: reused, in: lobby.id))
        }
        // A restored backup: the same key continues from entry 2 on another node.
        let restored = SimulatedLog()
        for entry in chain.prefix(2) {
            #expect(restored.ingest(entry) == .valid(entry.chain, .append))
        }
        let forkThree = try restored.post("other 3", by: reused, in: lobby.id)
        let forkFour = try restored.post("other 4", by: reused, in: lobby.id)
        let backup = mesh.addNode(communities: [lobby], log: restored)
        mesh.connect(nodes[0], nodes[1], community: lobby.id)
        let relay = mesh.connect(nodes[1], nodes[2], community: lobby.id)
        #expect(mesh.run())
        #expect(mesh.haveConverged(nodes))
        let before = relay.entriesDelivered
        mesh.connect(backup, nodes[1], community: lobby.id)
        #expect(mesh.run())
        #expect(nodes[1].log.forkedChains.contains(forkFour.chain))
        #expect(nodes[1].log.contains(forkFour.id))
        #expect(relay.entriesDelivered == before)
        for node in [nodes[0], nodes[2]] {
            #expect(!node.log.contains(forkThree.id) && !node.log.contains(forkFour.id))
        }
        // The chain the nodes had still grows and still travels.
        let next = try mesh.post("3 continued", at: nodes[0], by: reused, in: lobby.id)
        #expect(mesh.run())
        #expect(nodes[2].log.contains(next.id))
        // The backup node now sees the other branch: it keeps one fork proof, and the entries it
        // can never append are not asked for again and again (the mesh goes quiet).
        for index in 0..<3 {
            try mesh.post("more \(index)", at: nodes[0], by: reused, in: lobby.id)
        }
        #expect(mesh.run(maxSteps: 100_000))
        #expect(backup.log.forkedChains.contains(forkFour.chain))
        #expect(mesh.haveConverged([nodes[0], nodes[2]]))
        // The relay holds the others' entries plus its one fork proof.
        #expect(nodes[1].log.storedIDs.subtracting(nodes[0].log.storedIDs) == [forkFour.id])
        #expect(nodes[0].log.storedIDs.isSubset(of: nodes[1].log.storedIDs))
    }

    @Test(
        "in a full mesh every node converges (entries sent to a node that held them are reported)")
    func fullMesh() throws {
        let mesh = SimulatedMesh(seed: 13)
        let nodes = (0..<4).map { _ in mesh.addNode(communities: [lobby]) }
        let authors = nodes.map { _ in mesh.makeKey() }
        var links: [SimulatedLink] = []
        for i in 0..<4 {
            for j in (i + 1)..<4 {
                links.append(mesh.connect(nodes[i], nodes[j], community: lobby.id))
            }
        }
        for round in 0..<25 {
            for (node, author) in zip(nodes, authors) {
                try mesh.post("round \(round)", at: node, by: author, in: lobby.id)
            }
            mesh.run(maxSteps: 10)
        }
        #expect(mesh.run())
        #expect(mesh.haveConverged(nodes))
        #expect(nodes[0].log.entries.count == 100)
        let duplicates = links.map(\.duplicates).reduce(0, +)
        let delivered = links.map(\.entriesDelivered).reduce(0, +)
        print(
            "full mesh of 4 nodes, 100 entries: \(delivered) entries delivered, \(duplicates) already held"
        )
        for node in nodes { expectWellFormed(node) }
    }

    @Test("an idle link stays open with pings; a silent peer is timed out")
    func keepalive() throws {
        let mesh = SimulatedMesh(seed: 14)
        let a = mesh.addNode(communities: [lobby])
        let b = mesh.addNode(communities: [lobby])
        let link = mesh.connect(a, b, community: lobby.id)
        #expect(mesh.run())
        for _ in 0..<10 {
            mesh.advance(by: 15_000)
            #expect(mesh.run())
        }
        #expect(link.isOpen)
        link.isBlocked = true
        mesh.advance(by: 30_000)
        mesh.advance(by: 15_000)
        #expect(!link.isOpen)
        #expect(a.disconnects.map(\.reason) == [.idleTimeout])
    }
}
