import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

@Suite("Control socket: history", .serialized)
struct ControlHistoryTests {
    @Test("history answers a channel's latest posts in order, cut to the limit")
    func latestPostsInOrder() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var general: [Entry] = []
            for number in 1...5 {
                general.append(try await node.node.post("post \(number)", channel: .general))
                _ = try await node.node.post("aside \(number)", channel: ChannelName("random"))
            }
            let all = try node.ask(ControlRequestFields(op: "history"))
            #expect(all.ok)
            #expect(all.entries?.map(\.id) == general.map(\.id.hex))
            let latest = try node.ask(
                ControlRequestFields(op: "history", channel: "#general", limit: 3))
            #expect(latest.entries?.map(\.id) == general.suffix(3).map(\.id.hex))
            #expect(latest.entries?.allSatisfy { $0.own && $0.privateMessage == nil } == true)
            let texts = try #require(latest.entries).compactMap { entry -> String? in
                guard case .post(let post) = entry.entry.decodedContent else {
                    return nil
                }
                return post.text
            }
            #expect(texts == ["post 3", "post 4", "post 5"])
            let empty = try node.ask(ControlRequestFields(op: "history", channel: "quiet"))
            #expect(empty.ok)
            #expect(empty.entries == [])
            #expect(await node.stop() == nil)
        }
    }

    @Test("a history longer than one step of the walk comes whole and in order")
    func historyAcrossSteps() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            let author = SigningKey.generate()
            let store = try EntryStore.open(directory: home)
            var posted: [Entry] = []
            var previous = EntryID.zero
            let count = ControlService.historyPostsPerTurn * 2 + 17
            for sequence in 1...UInt64(count) {
                let entry = try Entry.sign(
                    community: DefaultCommunity.id, sequence: sequence, previous: previous,
                    timestamp: sequence, contentType: .post,
                    content: Post(channel: .general, text: "n\(sequence)").encoded(), with: author)
                _ = try store.append(verified: entry)
                posted.append(entry)
                previous = entry.id
            }
            try store.close()
            let node = try TestNode.start(home: home)
            let all = try node.ask(ControlRequestFields(op: "history", limit: 1_000))
            #expect(all.entries?.map(\.id) == posted.map(\.id.hex))
            let cut = try node.ask(ControlRequestFields(op: "history", limit: count - 5))
            #expect(cut.entries?.map(\.id) == posted.suffix(count - 5).map(\.id.hex))
            #expect(await node.stop() == nil)
        }
    }

    @Test("history lists posts by timestamp, author and sequence, not by arrival")
    func historyInReadingOrder() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            let store = try EntryStore.open(directory: home)
            // Arrival order: a post written at 12:03, then one at 12:01, then two at 12:02 by
            // one author (second in chain first is impossible; same timestamp keeps the chain).
            let late = SigningKey.generate()
            let early = SigningKey.generate()
            let both = SigningKey.generate()
            func post(_ key: SigningKey, _ sequence: UInt64, _ previous: EntryID, at minute: UInt64)
                throws -> Entry
            {
                try Entry.sign(
                    community: DefaultCommunity.id, sequence: sequence, previous: previous,
                    timestamp: 1_700_000_000_000 + minute * 60_000, contentType: .post,
                    content: Post(channel: .general, text: "m\(minute)").encoded(), with: key)
            }
            let atThree = try post(late, 1, .zero, at: 3)
            let atOne = try post(early, 1, .zero, at: 1)
            let atTwoFirst = try post(both, 1, .zero, at: 2)
            let atTwoSecond = try post(both, 2, atTwoFirst.id, at: 2)
            for entry in [atThree, atOne, atTwoFirst, atTwoSecond] {
                _ = try store.append(verified: entry)
            }
            try store.close()
            let node = try TestNode.start(home: home)
            let answer = try node.ask(ControlRequestFields(op: "history"))
            #expect(
                answer.entries?.map(\.id)
                    == [atOne, atTwoFirst, atTwoSecond, atThree].map(\.id.hex))
            #expect(await node.stop() == nil)
        }
    }

    @Test("without a limit, history answers the latest 50 posts")
    func defaultLimit() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var posted: [Entry] = []
            for number in 1...52 {
                posted.append(try await node.node.post("n\(number)", channel: .general))
            }
            let answer = try node.ask(ControlRequestFields(op: "history", channel: "general"))
            #expect(answer.entries?.count == ControlRequest.historyLimit.default)
            #expect(answer.entries?.map(\.id) == posted.suffix(50).map(\.id.hex))
            #expect(await node.stop() == nil)
        }
    }

    @Test("history entries carry the author's current display name")
    func carriesAuthorName() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            _ = try await node.node.post("before the name", channel: .general)
            #expect(try node.ask(ControlRequestFields(op: "nick", name: "alice")).ok)
            _ = try await node.node.post("after the name", channel: .general)
            let answer = try node.ask(ControlRequestFields(op: "history"))
            #expect(answer.entries?.map(\.authorName) == ["alice", "alice"])
            #expect(await node.stop() == nil)
        }
    }

    @Test(
        "history refuses a limit out of range, a bad channel and an unknown community",
        arguments: [
            ControlRequestFields(op: "history", limit: 0),
            ControlRequestFields(op: "history", limit: -1),
            ControlRequestFields(op: "history", limit: 1_001),
            ControlRequestFields(op: "history", channel: "Not A Channel"),
            ControlRequestFields(op: "history", community: String(repeating: "ab", count: 32)),
            ControlRequestFields(op: "history", community: "lobby"),
        ])
    func refusesBadRequests(request: ControlRequestFields) async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            _ = try await node.node.post("something", channel: .general)
            let answer = try node.ask(request)
            #expect(!answer.ok)
            #expect(answer.entries == nil)
            let field =
                request.limit != nil ? "limit" : request.channel != nil ? "channel" : "community"
            #expect(answer.error?.contains(field) == true)
            #expect(await node.stop() == nil)
        }
    }
}
