import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

/// `people` answers one bounded page at a time (control.md): a client walks every author with
/// `after`, and filters select the few a chat shows.
@Suite("Control socket: people, paged", .serialized)
struct ControlPeoplePagingTests {
    /// Starts a node in `directory` whose log holds one `about` entry each of `count` other
    /// authors, claiming the times 1 to `count`; returns it and their keys.
    private func startNode(in directory: String, authors count: Int) throws -> (
        TestNode, [PublicKey]
    ) {
        let home = directory + "/node"
        let keys = try fill(home, authors: count)
        return (try TestNode.start(home: home), keys)
    }

    private func fill(_ home: String, authors count: Int) throws -> [PublicKey] {
        let store = try EntryStore.open(directory: home)
        defer { try? store.close() }
        var keys: [PublicKey] = []
        for index in 1...count {
            let author = SigningKey.generate()
            _ = try store.publish(
                contentType: .about, content: About(name: try DisplayName("p\(index)")).encoded(),
                in: DefaultCommunity.id, by: author, timestamp: UInt64(index))
            keys.append(author.publicKey)
        }
        return keys
    }

    @Test("pages walked with after give every person once, in key order, with total and more")
    func pagingIsComplete() async throws {
        try await withTemporaryDirectory { directory in
            let (node, authors) = try startNode(in: directory, authors: 250)
            let everyone = (authors + [node.key.publicKey]).map(\.hex).sorted()

            let first = try node.ask(ControlRequestFields(op: "people"))
            #expect(first.people?.count == PeopleQuery.defaultLimit)
            #expect(first.total == everyone.count)
            #expect(first.more == everyone.count - PeopleQuery.defaultLimit)

            var walked: [String] = []
            var after: String?
            var pages = 0
            while true {
                let page = try node.ask(ControlRequestFields(op: "people", limit: 64, after: after))
                let people = try #require(page.people)
                pages += 1
                #expect(people.count <= 64)
                #expect(page.total == everyone.count)
                walked += people.map(\.publicKey.hex)
                #expect(page.more == everyone.count - walked.count)
                guard (page.more ?? 0) > 0, let last = people.last else { break }
                after = last.publicKey.hex
            }
            #expect(walked == everyone)
            #expect(pages == 4)
            #expect(await node.stop() == nil)
        }
    }

    @Test(
        "a bad limit or cursor is refused",
        arguments: [
            ControlRequestFields(op: "people", limit: 0),
            ControlRequestFields(op: "people", limit: 1001),
            ControlRequestFields(op: "people", after: "not a key"),
            ControlRequestFields(op: "people", author: "12"),
            ControlRequestFields(
                op: "people", author: String(repeating: "a", count: 64), online: true),
        ])
    func refusesBadRequests(request: ControlRequestFields) async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let answer = try node.ask(request)
            #expect(!answer.ok)
            #expect(answer.people == nil)
            #expect(await node.stop() == nil)
        }
    }

    @Test("filters: one author, who is online, who wrote recently")
    func filters() async throws {
        try await withTemporaryDirectory { directory in
            let (node, authors) = try startNode(in: directory, authors: 30)

            let one = try node.ask(ControlRequestFields(op: "people", author: authors[3].hex))
            #expect(one.people?.map(\.publicKey) == [authors[3]])
            #expect(one.people?.first?.displayName == "p4")
            #expect(one.total == 1)
            let stranger = SigningKey.generate().publicKey.hex
            let none = try node.ask(ControlRequestFields(op: "people", author: stranger))
            #expect(none.people == [])
            #expect(none.total == 0)

            // No session: only the node itself is online.
            let online = try node.ask(ControlRequestFields(op: "people", online: true))
            #expect(online.people?.map(\.publicKey) == [node.key.publicKey])
            #expect(online.people?.first?.own == true)

            // The authors claiming time 21 or later, ten of them, a page of four at a time.
            let recent = authors[20...].map(\.hex).sorted()
            let page = try node.ask(ControlRequestFields(op: "people", limit: 4, activeSince: 21))
            #expect(page.people?.map(\.publicKey.hex) == Array(recent.prefix(4)))
            #expect(page.total == 10)
            #expect(page.more == 6)
            let next = try node.ask(
                ControlRequestFields(op: "people", limit: 4, after: recent[3], activeSince: 21))
            #expect(next.people?.map(\.publicKey.hex) == Array(recent[4..<8]))
            #expect(await node.stop() == nil)
        }
    }

    @Test("the largest page fits the 4 MiB a client is sent at most")
    func largestPageFitsTheCap() throws {
        // A person with every field at its largest: a 64-byte name of bytes JSON escapes.
        let key = SigningKey.generate().publicKey
        let person = ControlPerson(
            publicKey: key, fingerprint: key.fingerprint.full,
            displayName: String(repeating: "\u{1}", count: 64), headSequence: .max,
            firstTimestamp: .max, lastTimestamp: .max, online: true, own: false)
        let page = ControlResponse.peoplePage(
            Array(repeating: person, count: PeopleQuery.limits.upperBound), total: .max,
            more: .max)
        #expect(page.line.count < ControlServer.maximumQueuedBytes)
    }
}
