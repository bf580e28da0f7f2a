import Foundation
import KithCore
import Testing

@testable import KithStorage

/// Signs a topic entry outside any store (as another node would).
func signedTopic(
    key: SigningKey, sequence: UInt64 = 1, previous: EntryID = .zero, channel: String = "general",
    text: String, timestamp: UInt64, community: CommunityID = DefaultCommunity.id
) throws -> Entry {
    let topic = try Topic(channel: try ChannelName(channel), text: text)
    return try Entry.sign(
        community: community, sequence: sequence, previous: previous, timestamp: timestamp,
        contentType: .topic, content: topic.encoded(), with: key)
}

@Suite("EntryStore: channel topics")
struct ChannelTopicTests {
    private let general = ChannelKey(community: DefaultCommunity.id, channel: .general)

    /// Appends `entries` in order to a new store in `home` and returns the store.
    private func store(_ home: String, appending entries: [Entry]) throws -> EntryStore {
        let store = try EntryStore.open(directory: home)
        for entry in entries {
            guard case .appended = try store.append(verified: entry) else {
                Issue.record("entry \(entry.sequence) of \(entry.author) was not appended")
                continue
            }
        }
        return store
    }

    @Test("the latest timestamp wins, whatever order the entries arrive in")
    func latestTimestampWinsInAnyOrder() throws {
        let entries = [
            try signedTopic(key: testKey(1), text: "early", timestamp: 100),
            try signedTopic(key: testKey(2), text: "latest", timestamp: 300),
            try signedTopic(key: testKey(3), text: "middle", timestamp: 200),
        ]
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        try withTemporaryDirectory { directory in
            for (number, order) in orders.enumerated() {
                let store = try store(
                    directory + "/\(number)", appending: order.map { entries[$0] })
                let topic = try #require(store.topic(of: general), "order \(order)")
                #expect(topic.topic.text == "latest", "order \(order)")
                #expect(topic.author == testKey(2).publicKey)
                #expect(topic.timestamp == 300)
                #expect(topic.entryID == entries[1].id)
                try store.close()
            }
        }
    }

    @Test("equal timestamps: the greater entry id wins, in either order")
    func tieBrokenByGreaterID() throws {
        let first = try signedTopic(key: testKey(1), text: "one", timestamp: 500)
        let second = try signedTopic(key: testKey(2), text: "two", timestamp: 500)
        let winner = first.id > second.id ? first : second
        try withTemporaryDirectory { directory in
            for (number, order) in [[first, second], [second, first]].enumerated() {
                let store = try store(directory + "/\(number)", appending: order)
                #expect(store.topic(of: general)?.entryID == winner.id)
                #expect(store.channels(in: DefaultCommunity.id).first?.1.topic?.id == winner.id)
                try store.close()
            }
        }
    }

    @Test("a later topic in the same chain replaces the earlier, an older one does not")
    func sameChainOrder() throws {
        try withTemporaryDirectory { home in
            let key = testKey(4)
            let store = try EntryStore.open(directory: home)
            for (text, timestamp) in [("first", 1_000), ("second", 3_000), ("backdated", 2_000)] {
                _ = try store.publish(
                    contentType: .topic,
                    content: Topic(channel: .general, text: text).encoded(),
                    in: DefaultCommunity.id, by: key, timestamp: UInt64(timestamp))
            }
            #expect(store.topic(of: general)?.topic.text == "second")
            try store.close()
        }
    }

    @Test("a channel with only a topic is listed with no posts")
    func topicOnlyChannelListed() throws {
        try withTemporaryDirectory { home in
            let store = try store(
                home,
                appending: [
                    try signedTopic(key: testKey(1), channel: "plans", text: "soon", timestamp: 5)
                ])
            try publishPosts(store, key: testKey(2), count: 2)
            let channels = store.channels(in: DefaultCommunity.id)
            #expect(channels.map(\.0.name) == ["general", "plans"])
            let plans = try #require(channels.last?.1)
            #expect(plans.count == 0)
            #expect(plans.lastOrdinal == nil)
            #expect(plans.topic?.timestamp == 5)
            let general = try #require(channels.first?.1)
            #expect(general.count == 2)
            #expect(general.topic == nil)
            #expect(store.topic(of: self.general) == nil)
            #expect(
                try store.recentPosts(
                    in: ChannelKey(community: DefaultCommunity.id, channel: ChannelName("plans")),
                    limit: 10
                ).isEmpty)
            try store.close()
        }
    }

    @Test("an empty topic that wins clears the topic; the channel stays listed")
    func emptyTopicClears() throws {
        try withTemporaryDirectory { home in
            let store = try store(
                home,
                appending: [
                    try signedTopic(key: testKey(1), text: "set", timestamp: 10),
                    try signedTopic(key: testKey(2), text: "", timestamp: 20),
                ])
            #expect(store.topic(of: general) == nil)
            let channels = store.channels(in: DefaultCommunity.id)
            #expect(channels.map(\.0) == [.general])
            #expect(channels.first?.1.topic != nil)
            // A later topic sets it again.
            _ = try store.append(
                verified: try signedTopic(key: testKey(3), text: "again", timestamp: 30))
            #expect(store.topic(of: general)?.topic.text == "again")
            try store.close()
        }
    }

    @Test("a malformed topic entry is stored but sets no topic")
    func malformedTopicIgnored() throws {
        try withTemporaryDirectory { home in
            let key = testKey(1)
            let malformed = try Entry.sign(
                community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 99,
                contentType: .topic, content: [7] + Array("general".utf8) + [0x61, 0x00],
                with: key)
            let store = try store(
                home,
                appending: [
                    try signedTopic(key: testKey(2), text: "kept", timestamp: 1), malformed,
                ])
            #expect(store.entryCount == 2)
            #expect(store.topic(of: general)?.topic.text == "kept")
            try store.close()
        }
    }

    @Test("a topic in a fork proof counts, so both arrival orders of a fork pair agree")
    func forkProofTopicCounts() throws {
        let key = testKey(6)
        let kept = try signedTopic(key: key, text: "first seen", timestamp: 10)
        let fork = try signedTopic(key: key, text: "forked later", timestamp: 20)
        try withTemporaryDirectory { directory in
            for (number, order) in [[kept, fork], [fork, kept]].enumerated() {
                let store = try EntryStore.open(directory: directory + "/\(number)")
                guard case .appended = try store.append(verified: order[0]),
                    case .forkRecorded = try store.append(verified: order[1])
                else {
                    Issue.record("order \(number): not an append and a fork")
                    continue
                }
                #expect(store.topic(of: general)?.entryID == fork.id, "order \(number)")
                try store.close()
            }
        }
    }

    @Test("topics are in their own community")
    func perCommunity() throws {
        try withTemporaryDirectory { home in
            let other = try CommunityID(bytes: [UInt8](repeating: 7, count: 32))
            let store = try store(
                home,
                appending: [
                    try signedTopic(key: testKey(1), text: "lobby", timestamp: 1),
                    try signedTopic(key: testKey(1), text: "other", timestamp: 2, community: other),
                ])
            #expect(store.topic(of: general)?.topic.text == "lobby")
            #expect(
                store.topic(of: ChannelKey(community: other, channel: .general))?.topic.text
                    == "other")
            try store.close()
        }
    }

    @Test("the topic survives close and reopen, and an index rebuild")
    func survivesReopenAndRebuild() throws {
        try withTemporaryDirectory { home in
            let entries = [
                try signedTopic(key: testKey(1), text: "older", timestamp: 100),
                try signedTopic(key: testKey(2), channel: "plans", text: "plans", timestamp: 50),
                try signedTopic(key: testKey(3), text: "newest", timestamp: 400),
                try signedTopic(key: testKey(4), text: "between", timestamp: 200),
            ]
            let before: [(ChannelName, ChannelState)]
            do {
                let store = try store(home, appending: entries)
                try publishPosts(store, key: testKey(5), count: 3)
                before = store.channels(in: DefaultCommunity.id)
                try store.close()
            }
            func expectSame(_ store: EntryStore) {
                let after = store.channels(in: DefaultCommunity.id)
                #expect(after.map(\.0) == before.map(\.0))
                #expect(after.map(\.1) == before.map(\.1))
                #expect(store.topic(of: general)?.topic.text == "newest")
                #expect(store.topic(of: general)?.entryID == entries[2].id)
            }
            do {
                let store = try EntryStore.open(directory: home)
                #expect(!store.openReport.indexRebuilt)
                expectSame(store)
                try store.close()
            }
            try FileManager.default.removeItem(atPath: EntryStore.indexDirectory(in: home))
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.indexRebuilt)
            expectSame(store)
            try store.close()
        }
    }

    @Test("a heads snapshot of the previous format makes the index rebuild")
    func previousSnapshotFormatRebuilds() throws {
        try withTemporaryDirectory { home in
            do {
                let store = try store(
                    home, appending: [try signedTopic(key: testKey(1), text: "t", timestamp: 1)])
                try store.close()
            }
            // The same snapshot under the previous magic, with a sound checksum: still refused.
            let path = EntryStore.indexDirectory(in: home) + "/heads.kidx"
            let bytes = try fileBytes(path)
            let body = Array("KITHHDS1".utf8) + bytes[8..<(bytes.count - 32)]
            try writeFile(path, body + Blake2b.hash256(body))
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.indexRebuilt)
            #expect(store.topic(of: general)?.topic.text == "t")
            try store.close()
        }
    }
}
