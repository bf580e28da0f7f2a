import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

@Suite("Control socket: channels and topic", .serialized)
struct ControlTopicTests {
    @Test("topic publishes a topic entry; channels lists posts, times and topics by name")
    func topicThenChannels() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let path = node.home + "/control.sock"
            let set = try ControlClient.send(
                ControlRequestFields(op: "topic", channel: "#Plans", text: "Dates and places"),
                socketPath: path)
            #expect(set.ok)
            let entry = try #require(set.entry?.entry)
            #expect(entry.contentType == .topic)
            #expect(entry.author == node.key.publicKey)
            #expect(
                entry.decodedContent
                    == .topic(try Topic(channel: ChannelName("plans"), text: "Dates and places")))

            _ = try await node.node.post("one", channel: .general)
            let last = try await node.node.post("two", channel: .general)
            let answer = try ControlClient.send(
                ControlRequestFields(op: "channels"), socketPath: path)
            #expect(answer.ok)
            #expect(
                answer.channels == [
                    ControlChannel(
                        name: .general, postCount: 2, lastTimestamp: last.timestamp, topic: nil,
                        topicAuthor: nil),
                    ControlChannel(
                        name: try ChannelName("plans"), postCount: 0, lastTimestamp: nil,
                        topic: "Dates and places", topicAuthor: node.key.publicKey),
                ])

            // An empty text clears the topic; the channel stays listed.
            let cleared = try ControlClient.send(
                ControlRequestFields(op: "topic", channel: "plans", text: ""), socketPath: path)
            #expect(cleared.ok)
            let after = try ControlClient.send(
                ControlRequestFields(op: "channels", community: DefaultCommunity.id.hex),
                socketPath: path)
            let plans = try #require(after.channels?.last)
            #expect(plans.name.name == "plans")
            #expect(plans.topic == nil)
            #expect(plans.topicAuthor == nil)
            #expect(await node.stop() == nil)
        }
    }

    @Test("a held topic with a later timestamp stays the topic after a new one is set")
    func laterHeldTopicWins() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            let other = SigningKey.generate()
            do {
                let store = try EntryStore.open(directory: home)
                let future = try Entry.sign(
                    community: DefaultCommunity.id, sequence: 1, previous: .zero,
                    timestamp: UInt64.max / 2, contentType: .topic,
                    content: Topic(channel: .general, text: "from the future").encoded(),
                    with: other)
                _ = try store.append(verified: future)
                try store.close()
            }
            let node = try TestNode.start(home: home)
            let path = node.home + "/control.sock"
            let set = try ControlClient.send(
                ControlRequestFields(op: "topic", channel: "general", text: "now"), socketPath: path
            )
            #expect(set.ok)
            let answer = try ControlClient.send(
                ControlRequestFields(op: "channels"), socketPath: path)
            #expect(answer.channels?.map(\.name) == [.general])
            #expect(answer.channels?.first?.topic == "from the future")
            #expect(answer.channels?.first?.topicAuthor == other.publicKey)
            #expect(answer.channels?.first?.postCount == 0)
            #expect(await node.stop() == nil)
        }
    }

    @Test("bad topic and channels requests are refused and append nothing")
    func refusedRequests() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let path = node.home + "/control.sock"
            let refused: [(ControlRequestFields, String)] = [
                (ControlRequestFields(op: "topic", text: "no channel"), "channel"),
                (ControlRequestFields(op: "topic", channel: "general"), "text"),
                (ControlRequestFields(op: "topic", channel: "a b", text: "x"), "channel"),
                (
                    ControlRequestFields(
                        op: "topic", channel: "general", text: String(repeating: "x", count: 513)),
                    "text"
                ),
                (ControlRequestFields(op: "topic", channel: "general", text: "a\u{0}b"), "text"),
                (
                    ControlRequestFields(
                        op: "topic", community: "not-an-id", channel: "g", text: "x"),
                    "not-an-id"
                ),
                (
                    ControlRequestFields(
                        op: "channels", community: String(repeating: "0", count: 64)),
                    "0000"
                ),
            ]
            for (request, mention) in refused {
                let answer = try ControlClient.send(request, socketPath: path)
                #expect(!answer.ok, "\(request)")
                #expect(answer.error?.contains(mention) == true, "\(answer.error ?? "")")
            }
            let longest = try ControlClient.send(
                ControlRequestFields(
                    op: "topic", channel: "general", text: String(repeating: "x", count: 512)),
                socketPath: path)
            #expect(longest.ok)
            let status = try ControlClient.send(
                ControlRequestFields(op: "status"), socketPath: path)
            #expect(status.status?.entryCount == 1)
            let empty = try ControlClient.send(
                ControlRequestFields(op: "channels"), socketPath: path)
            #expect(empty.channels?.count == 1)
            #expect(await node.stop() == nil)
        }
    }
}
