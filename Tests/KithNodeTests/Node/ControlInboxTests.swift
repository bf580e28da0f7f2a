import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

@Suite("Control socket: inbox", .serialized)
struct ControlInboxTests {
    @Test("inbox answers the messages received while no client followed, opened, oldest first")
    func receivedWhileNobodyFollowed() async throws {
        try await withTemporaryDirectory { directory in
            // alice - carol - bob: carol relays every message and can open none of them.
            let (alice, carol, bob) = try await TestNode.startRelayLine(in: directory)
            let bobKey = bob.key.publicKey.hex
            let aliceKey = alice.key.publicKey.hex
            var sent: [(id: String, message: ControlPrivateMessage)] = []
            func send(from node: TestNode, to recipient: String, _ text: String) throws {
                let answer = try node.ask(
                    ControlRequestFields(op: "msg", text: text, recipient: recipient))
                let entry = try #require(answer.entry)
                sent.append(
                    (
                        entry.id,
                        ControlPrivateMessage(
                            sender: node.key.publicKey, recipient: try PublicKey(hex: recipient),
                            text: text)
                    ))
            }
            try send(from: alice, to: bobKey, "first")
            try send(from: alice, to: bobKey, "second")
            // Bob replies once he holds both, so his log holds the four in the order sent.
            try await waitUntil("bob holds alice's first two") {
                try await bob.node.status().entryCount == 2
            }
            try send(from: bob, to: aliceKey, "a reply")
            try send(from: alice, to: bobKey, "third")
            // A message between others that bob only relays, and a post, are not in his inbox.
            try #require(
                try alice.ask(
                    ControlRequestFields(
                        op: "msg", text: "not for bob",
                        recipient: SigningKey.generate().publicKey.hex)
                ).ok)
            try #require(try alice.ask(ControlRequestFields(op: "post", text: "public")).ok)
            try await waitUntil("bob and carol hold all six entries") {
                let bobCount = try await bob.node.status().entryCount
                let carolCount = try await carol.node.status().entryCount
                return bobCount == 6 && carolCount == 6
            }

            let inbox = try bob.ask(ControlRequestFields(op: "inbox"))
            #expect(inbox.ok)
            let entries = try #require(inbox.entries)
            #expect(entries.map(\.id) == sent.map(\.id))
            #expect(entries.map(\.privateMessage) == sent.map(\.message))
            #expect(entries.map(\.own) == [false, false, true, false])
            let latest = try bob.ask(ControlRequestFields(op: "inbox", limit: 2))
            #expect(latest.entries?.map(\.id) == sent.suffix(2).map(\.id))

            // The relay holds every entry and opens none.
            let relay = try carol.ask(ControlRequestFields(op: "inbox"))
            #expect(relay.ok)
            #expect(relay.entries == [])

            // Once bob blocks alice, only his own message is left.
            #expect(try bob.ask(ControlRequestFields(op: "block", author: aliceKey)).ok)
            let blocked = try bob.ask(ControlRequestFields(op: "inbox"))
            #expect(blocked.entries?.map(\.id) == [sent[2].id])

            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
            #expect(await carol.stop() == nil)
        }
    }

    @Test("inbox lists sent messages too, cut to the limit, 20 without one")
    func limits() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let empty = try node.ask(ControlRequestFields(op: "inbox"))
            #expect(empty.ok)
            #expect(empty.entries == [])
            let recipient = SigningKey.generate().publicKey.hex
            var ids: [String] = []
            for number in 1...22 {
                let answer = try node.ask(
                    ControlRequestFields(op: "msg", text: "note \(number)", recipient: recipient))
                ids.append(try #require(answer.entry?.id))
            }
            let byDefault = try node.ask(ControlRequestFields(op: "inbox"))
            #expect(byDefault.entries?.count == ControlRequest.inboxLimit.default)
            #expect(byDefault.entries?.map(\.id) == Array(ids.suffix(20)))
            #expect(byDefault.entries?.allSatisfy { $0.own } == true)
            let three = try node.ask(ControlRequestFields(op: "inbox", limit: 3))
            #expect(
                three.entries?.map(\.privateMessage?.text) == ["note 20", "note 21", "note 22"])
            let all = try node.ask(ControlRequestFields(op: "inbox", limit: 200))
            #expect(all.entries?.map(\.id) == ids)
            #expect(await node.stop() == nil)
        }
    }

    @Test(
        "inbox refuses a limit out of range and an unknown community",
        arguments: [
            ControlRequestFields(op: "inbox", limit: 0),
            ControlRequestFields(op: "inbox", limit: -1),
            ControlRequestFields(op: "inbox", limit: 201),
            ControlRequestFields(op: "inbox", community: String(repeating: "ab", count: 32)),
            ControlRequestFields(op: "inbox", community: "lobby"),
        ])
    func refusesBadRequests(request: ControlRequestFields) async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let answer = try node.ask(request)
            #expect(!answer.ok)
            let field = request.limit == nil ? "community" : "limit"
            #expect(answer.error?.contains(field) == true, "\(answer.error ?? "")")
            #expect(await node.stop() == nil)
        }
    }

    @Test("inbox examines at most 10,000 private entries, newest first")
    func examinesABoundedNumber() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            let key = SigningKey.generate()
            let stranger = SigningKey.generate()
            let store = try EntryStore.open(directory: home)
            func own(_ text: String) throws -> Entry {
                try store.publish(
                    contentType: .privateMessage,
                    content: PrivateMessage.seal(
                        text: text, to: stranger.publicKey, from: key),
                    in: DefaultCommunity.id, by: key, timestamp: 1)
            }
            // The node's own oldest message, then messages between others it cannot open: enough
            // that its own newest message and all of them fill the bound.
            _ = try own("beyond the bound")
            let sealed = try PrivateMessage.seal(
                text: "not for the node", to: SigningKey.generate().publicKey, from: stranger)
            var previous = EntryID.zero
            for sequence in 1...UInt64(ControlService.inboxExaminedLimit - 1) {
                let entry = try Entry.sign(
                    community: DefaultCommunity.id, sequence: sequence, previous: previous,
                    timestamp: 2, contentType: .privateMessage, content: sealed, with: stranger)
                guard case .appended = try store.append(verified: entry) else {
                    Issue.record("entry \(sequence) was not appended")
                    return
                }
                previous = entry.id
            }
            let newest = try own("within the bound")
            try store.checkpoint()

            let configuration = NodeConfiguration.loopbackOnly(home: home)
            let events = EventRecorder()
            let node = try Node(
                configuration: configuration, identity: key, store: store,
                events: events.handler)
            try node.start()
            let running = TestNode(node: node, events: events, home: home, key: key)
            // Opening 10,000 messages takes a while in a debug build on a loaded machine; what is
            // checked is the bound, not the speed.
            let answer = try running.ask(
                ControlRequestFields(op: "inbox", limit: 5), timeoutMilliseconds: 60_000)
            #expect(answer.ok)
            #expect(answer.entries?.map(\.id) == [newest.id.hex])
            #expect(await running.stop() == nil)
        }
    }
}
