import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication simulation: refusing an author")
struct ReplicationRefusalSimulationTests {
    typealias Fixtures = ReplicationFixtures
    let lobby = Fixtures.communityKey(1)

    @Test(
        "in a line A-B-C where B refuses A, C never gets A's new entries; others flow",
        arguments: [UInt64(5), 6, 7])
    func lineWithRefusal(seed: UInt64) throws {
        let mesh = SimulatedMesh(seed: seed)
        let nodes = (0..<3).map { _ in mesh.addNode(communities: [lobby]) }
        let (a, b, c) = (nodes[0], nodes[1], nodes[2])
        let refused = a.identity
        let other = mesh.makeKey()  // Another author writing at A.
        let fromC = c.identity
        for index in 0..<5 {
            try mesh.post("old \(index)", at: a, by: refused, in: lobby.id)
        }
        let links = [
            mesh.connect(a, b, community: lobby.id),
            mesh.connect(b, c, community: lobby.id),
        ]
        #expect(mesh.run())
        // Before the block, A's chain crossed B to C.
        #expect(c.log.entries.filter { $0.author == refused.publicKey }.count == 5)
        mesh.refuse([refused.publicKey], at: b)
        var newAtA: [EntryID] = []
        for index in 0..<20 {
            newAtA.append(try mesh.post("new \(index)", at: a, by: refused, in: lobby.id).id)
            try mesh.post("other \(index)", at: a, by: other, in: lobby.id)
            try mesh.post("c \(index)", at: c, by: fromC, in: lobby.id)
            mesh.run(maxSteps: 7)
        }
        #expect(mesh.run())
        #expect(links.allSatisfy { $0.isOpen })
        for id in newAtA {
            #expect(!b.log.contains(id))
            #expect(!c.log.contains(id))
        }
        #expect(b.disconnects.isEmpty && c.disconnects.isEmpty)
        // The other author's entries reach C through B, and C's reach A.
        #expect(c.log.entries.filter { $0.author == other.publicKey }.count == 20)
        #expect(a.log.entries.filter { $0.author == fromC.publicKey }.count == 20)
        // B kept A's old entries (never deleted) but sent nothing of the chain after the block.
        #expect(b.log.entries.filter { $0.author == refused.publicKey }.count == 5)

        // A node joining B later gets nothing of the refused chain from it.
        let d = mesh.addNode(communities: [lobby])
        mesh.connect(b, d, community: lobby.id)
        #expect(mesh.run())
        #expect(!d.log.entries.contains { $0.author == refused.publicKey })
        #expect(d.log.entries.filter { $0.author == other.publicKey }.count == 20)

        // Unblocking at B: the chain flows again, to B and through it.
        mesh.refuse([], at: b)
        #expect(mesh.run())
        #expect(mesh.haveConverged([a, b, c, d]))
        #expect(links.map(\.duplicates) == [0, 0])
    }

    @Test(
        "unblocking at the middle of a line brings what was written during the block at once",
        arguments: [UInt64(1), 2, 3])
    func unblockAfterQuietBlock(seed: UInt64) throws {
        let mesh = SimulatedMesh(seed: seed)
        let nodes = (0..<3).map { _ in mesh.addNode(communities: [lobby]) }
        let (a, b, c) = (nodes[0], nodes[1], nodes[2])
        try mesh.post("before the block", at: a, by: a.identity, in: lobby.id)
        mesh.connect(a, b, community: lobby.id)
        mesh.connect(b, c, community: lobby.id)
        #expect(mesh.run())
        mesh.refuse([a.identity.publicKey], at: b)
        #expect(mesh.run())
        let blocked = [
            try mesh.post("while blocked", at: a, by: a.identity, in: lobby.id).id,
            try mesh.post("after cat", at: a, by: a.identity, in: lobby.id).id,
        ]
        try mesh.post("cat is still heard", at: c, by: c.identity, in: lobby.id)
        #expect(mesh.run())
        for id in blocked { #expect(!b.log.contains(id) && !c.log.contains(id)) }

        // No digest is due within the next second: what repairs it is the clock the release
        // sends, which the author's node answers with its head.
        mesh.refuse([], at: b)
        let converged = mesh.runUntilConverged([a, b, c], within: 1_000)
        #expect(
            converged,
            "A, B and C hold \(a.log.entries.count), \(b.log.entries.count), \(c.log.entries.count)"
        )
    }

    @Test(
        "without the release's answer, the digest finds the difference within its quiet delay",
        arguments: [UInt64(1), 2, 3])
    func digestRepairsRelease(seed: UInt64) throws {
        let mesh = SimulatedMesh(seed: seed)
        let nodes = (0..<2).map { _ in mesh.addNode(communities: [lobby]) }
        let (a, b) = (nodes[0], nodes[1])
        try mesh.post("before the block", at: a, by: a.identity, in: lobby.id)
        let link = mesh.connect(a, b, community: lobby.id)
        #expect(mesh.run())
        mesh.refuse([a.identity.publicKey], at: b)
        #expect(mesh.run())
        try mesh.post("while blocked", at: a, by: a.identity, in: lobby.id)
        #expect(mesh.run())
        // The release's clock is lost on the way (as if A had not answered it).
        mesh.refuse([], at: b)
        mesh.dropUndelivered(on: link, from: b)
        let bound = mesh.configuration.digestQuietDelay + mesh.configuration.digestAnswerInterval
        #expect(mesh.runUntilConverged([a, b], within: bound + 2_000))
    }
}
