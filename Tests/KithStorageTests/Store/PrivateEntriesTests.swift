import Foundation
import KithCore
import Testing

@testable import KithStorage

/// Publishes a private message from `sender` to `recipient` in `store`.
@discardableResult
func publishPrivate(
    _ store: EntryStore, from sender: SigningKey, to recipient: SigningKey, text: String,
    community: CommunityID = DefaultCommunity.id, timestamp: UInt64 = 1_700_000_000_000
) throws -> Entry {
    let content = try PrivateMessage.seal(text: text, to: recipient.publicKey, from: sender)
    return try store.publish(
        contentType: .privateMessage, content: content, in: community, by: sender,
        timestamp: timestamp)
}

@Suite("EntryStore: private entries")
struct PrivateEntriesTests {
    private static func otherCommunity() throws -> CommunityID {
        try CommunityID(bytes: [UInt8](repeating: 9, count: 32))
    }

    /// Publishes private messages by three authors, with posts and `about` entries in between,
    /// in two communities; returns the private entries of each community in log order.
    private func fill(_ store: EntryStore) throws -> (home: [Entry], other: [Entry]) {
        let other = try Self.otherCommunity()
        var home: [Entry] = []
        var elsewhere: [Entry] = []
        for round in 0..<4 {
            let sender = testKey(UInt8(1 + round % 3))
            home.append(try publishPrivate(store, from: sender, to: testKey(7), text: "h\(round)"))
            try publishPosts(store, key: testKey(5), count: 2)
            elsewhere.append(
                try publishPrivate(
                    store, from: sender, to: testKey(8), text: "o\(round)", community: other))
            _ = try store.publish(
                contentType: .about, content: About(name: try DisplayName("n\(round)")).encoded(),
                in: DefaultCommunity.id, by: testKey(6), timestamp: 1)
        }
        return (home, elsewhere)
    }

    /// Checks the store answers `expected` (log order) for `community`, newest first.
    private func expectPrivate(
        _ store: EntryStore, in community: CommunityID, _ expected: [Entry]
    ) throws {
        let found = try store.privateEntries(in: community, newestFirst: 100)
        #expect(found.map(\.id) == expected.reversed().map(\.id))
    }

    @Test("private entries come newest first, per community, without the posts between them")
    func newestFirstPerCommunity() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let (mine, elsewhere) = try fill(store)
            let other = try Self.otherCommunity()
            try expectPrivate(store, in: DefaultCommunity.id, mine)
            try expectPrivate(store, in: other, elsewhere)
            let unknown = try CommunityID(bytes: [UInt8](repeating: 3, count: 32))
            #expect(try store.privateEntries(in: unknown, newestFirst: 10).isEmpty)
            // Channel order is not disturbed by the private entries in between.
            let general = ChannelKey(community: DefaultCommunity.id, channel: .general)
            #expect(try store.recentPosts(in: general, limit: 100).count == 8)
            #expect(store.channels(in: DefaultCommunity.id).map(\.0) == [.general])
            try store.close()
        }
    }

    @Test("the limit caps the answer at the newest entries; a limit below 1 gives none")
    func limit() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let (mine, _) = try fill(store)
            let newest = mine.reversed().map(\.id)
            #expect(
                try store.privateEntries(in: DefaultCommunity.id, newestFirst: 1).map(\.id)
                    == Array(newest.prefix(1)))
            #expect(
                try store.privateEntries(in: DefaultCommunity.id, newestFirst: 3).map(\.id)
                    == Array(newest.prefix(3)))
            #expect(try store.privateEntries(in: DefaultCommunity.id, newestFirst: 0).isEmpty)
            #expect(try store.privateEntries(in: DefaultCommunity.id, newestFirst: -1).isEmpty)
            try store.close()
        }
    }

    @Test("a walk visits newest first and stops when asked")
    func walkStops() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let (mine, _) = try fill(store)
            var visited: [EntryID] = []
            try store.walkPrivateEntries(in: DefaultCommunity.id) { entry in
                visited.append(entry.id)
                return visited.count < 2
            }
            #expect(visited == mine.reversed().prefix(2).map(\.id))
            try store.close()
        }
    }

    @Test("received private entries are linked like published ones; malformed ones are not")
    func receivedAndMalformed() throws {
        try withTemporaryDirectory { home in
            let sender = testKey(2)
            let sealed = try PrivateMessage.seal(
                text: "hi", to: testKey(7).publicKey, from: sender)
            let first = try Entry.sign(
                community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 5,
                contentType: .privateMessage, content: sealed, with: sender)
            let malformed = try Entry.sign(
                community: DefaultCommunity.id, sequence: 2, previous: first.id, timestamp: 6,
                contentType: .privateMessage, content: [1, 2, 3], with: sender)
            let store = try EntryStore.open(directory: home)
            for entry in [first, malformed] {
                guard case .appended = try store.append(verified: entry) else {
                    Issue.record("entry \(entry.sequence) was not appended")
                    return
                }
            }
            #expect(
                try store.privateEntries(in: DefaultCommunity.id, newestFirst: 10).map(\.id)
                    == [first.id])
            try store.close()
        }
    }

    @Test("the index of private entries survives reopen (no log scan) and goes on growing")
    func survivesReopen() throws {
        try withTemporaryDirectory { home in
            var (mine, elsewhere): ([Entry], [Entry])
            do {
                let store = try EntryStore.open(directory: home)
                (mine, elsewhere) = try fill(store)
                try store.close()
            }
            let other = try Self.otherCommunity()
            let store = try EntryStore.open(directory: home)
            #expect(!store.openReport.indexRebuilt)
            #expect(store.openReport.recordsScanned == 0)
            try expectPrivate(store, in: DefaultCommunity.id, mine)
            try expectPrivate(store, in: other, elsewhere)
            mine.append(try publishPrivate(store, from: testKey(3), to: testKey(1), text: "more"))
            try expectPrivate(store, in: DefaultCommunity.id, mine)
            try store.close()
        }
    }

    @Test("a lost index is rebuilt from the log with the same private entries")
    func rebuiltAfterIndexLoss() throws {
        try withTemporaryDirectory { home in
            let (mine, elsewhere): ([Entry], [Entry])
            do {
                let store = try EntryStore.open(directory: home)
                (mine, elsewhere) = try fill(store)
                try store.close()
            }
            try FileManager.default.removeItem(atPath: EntryStore.indexDirectory(in: home))
            let other = try Self.otherCommunity()
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.indexRebuilt)
            try expectPrivate(store, in: DefaultCommunity.id, mine)
            try expectPrivate(store, in: other, elsewhere)
            try store.close()
        }
    }

    @Test("an index checkpointed in the previous format (no private links) is rebuilt")
    func previousFormatRebuilds() throws {
        try withTemporaryDirectory { home in
            let sent: Entry
            do {
                let store = try EntryStore.open(directory: home)
                sent = try publishPrivate(store, from: testKey(1), to: testKey(2), text: "x")
                try store.close()
            }
            // The snapshot as the previous format wrote it: its magic, and no private section
            // (a count and one community with its ordinal), with a sound checksum.
            let path = EntryStore.indexDirectory(in: home) + "/heads.kidx"
            let bytes = try fileBytes(path)
            let privateSection = 4 + 32 + 8
            let body =
                Array("KITHHDS2".utf8) + bytes[8..<(bytes.count - 32 - privateSection)]
            try writeFile(path, body + Blake2b.hash256(body))
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.indexRebuilt)
            #expect(
                try store.privateEntries(in: DefaultCommunity.id, newestFirst: 5).map(\.id)
                    == [sent.id])
            try store.close()
        }
    }
}
