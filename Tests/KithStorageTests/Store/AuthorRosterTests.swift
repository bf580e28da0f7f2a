import KithCore
import Testing

@testable import KithStorage

@Suite("Author roster: pages of a community's authors in key order")
struct AuthorRosterTests {
    /// A key whose bytes are `seed` spread out, so keys come in an order unlike the seeds'.
    private func key(_ seed: Int) throws -> PublicKey {
        var state = UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 1
        var bytes: [UInt8] = []
        for _ in 0..<32 {
            state ^= state >> 29
            state = state &* 0xbf58_476d_1ce4_e5b9
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return try PublicKey(bytes: bytes)
    }

    /// Every page of `community`, walked with `after` set to the last key of the page before.
    private func walk(_ roster: AuthorRoster, _ community: CommunityID, limit: Int) -> (
        keys: [PublicKey], pages: Int
    ) {
        var keys: [PublicKey] = []
        var pages = 0
        var after: PublicKey?
        while true {
            let page = roster.page(in: community, after: after, limit: limit)
            pages += 1
            #expect(page.authors.count <= limit)
            #expect(page.countAfter == roster.count(in: community) - keys.count)
            keys += page.authors
            guard page.countAfter > page.authors.count, let last = page.authors.last else {
                return (keys, pages)
            }
            after = last
        }
    }

    @Test("paging gives every author once, in key order, before and after merges")
    func pagingIsCompleteAndOrdered() throws {
        let community = DefaultCommunity.id
        let other = try CommunityID(bytes: [UInt8](repeating: 7, count: 32))
        let initial = try (0..<1_000).map { ChainKey(author: try key($0), community: community) }
        var roster = AuthorRoster(
            chains: initial + [ChainKey(author: try key(0), community: other)])
        // More than one merge's worth, and a few more left unmerged.
        let added = try (1_000..<(1_000 + AuthorRoster.mergeThreshold + 37)).map { try key($0) }
        for author in added { roster.add(ChainKey(author: author, community: community)) }
        let everyone = (initial.map(\.author) + added).sorted()
        #expect(roster.count(in: community) == everyone.count)
        #expect(roster.count(in: other) == 1)

        let walked = walk(roster, community, limit: 333)
        #expect(walked.keys == everyone)
        #expect(walked.pages == (everyone.count + 332) / 333)

        // A page after a key that is not an author starts at the next one.
        let missing = try key(999_999)
        let page = roster.page(in: community, after: missing, limit: 5)
        #expect(page.authors == Array(everyone.filter { $0 > missing }.prefix(5)))
        #expect(page.countAfter == everyone.count { $0 > missing })
    }

    @Test("a page mixes merged and recent authors in key order")
    func mixesRecentAuthors() throws {
        let community = DefaultCommunity.id
        var roster = AuthorRoster(
            chains: try (0..<50).map { ChainKey(author: try key($0), community: community) })
        for seed in 50..<80 { roster.add(ChainKey(author: try key(seed), community: community)) }
        let everyone = try (0..<80).map { try key($0) }.sorted()
        #expect(walk(roster, community, limit: 7).keys == everyone)
        #expect(roster.page(in: community, after: nil, limit: 80).authors == everyone)
        let unknown = try CommunityID(bytes: [UInt8](repeating: 9, count: 32))
        #expect(roster.page(in: unknown, after: nil, limit: 10).authors.isEmpty)
        #expect(roster.page(in: unknown, after: nil, limit: 10).countAfter == 0)
    }

    @Test("the store's roster follows appends and survives a reopen")
    func storeRosterFollowsAppends() throws {
        try withTemporaryDirectory { directory in
            let authors = (0..<12).map { _ in SigningKey.generate() }
            var store = try EntryStore.open(directory: directory)
            for author in authors {
                _ = try store.publish(
                    contentType: .about, content: About(name: try DisplayName("x")).encoded(),
                    in: DefaultCommunity.id, by: author, timestamp: 1)
            }
            // A second entry of a chain adds no author.
            _ = try store.publish(
                contentType: .about, content: About(name: try DisplayName("y")).encoded(),
                in: DefaultCommunity.id, by: authors[0], timestamp: 2)
            let expected = authors.map(\.publicKey).sorted()
            #expect(store.authorCount(in: DefaultCommunity.id) == 12)
            #expect(
                store.authors(in: DefaultCommunity.id, after: nil, limit: 100).authors == expected)
            try store.close()
            store = try EntryStore.open(directory: directory)
            defer { try? store.close() }
            let page = store.authors(in: DefaultCommunity.id, after: expected[4], limit: 3)
            #expect(page.authors == Array(expected[5..<8]))
            #expect(page.countAfter == 7)
            #expect(store.clockInKeyOrder(of: DefaultCommunity.id).map(\.author) == expected)
            #expect(
                store.clockInKeyOrder(of: DefaultCommunity.id).first {
                    $0.author == authors[0].publicKey
                }?.head == 2)
        }
    }
}
