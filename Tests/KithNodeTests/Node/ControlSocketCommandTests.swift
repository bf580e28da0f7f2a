import KithControl
import KithCore
import KithStorage
import KithSystem
import Testing

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A raw connection to a node's control socket, for requests and `tail` lines.
private struct ControlConnection {
    let socket: Socket
    var reader = ControlLineReader()

    init(home: String) throws {
        socket = try Socket.makeUnix(.stream)
        _ = try socket.connect(to: UnixSocketAddress(path: home + "/control.sock"))
    }

    func send(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            if let count = try socket.send(Array(bytes[sent...])) {
                sent += count
            } else {
                try waitForSocket(socket, .writable)
            }
        }
    }

    func send(_ request: ControlRequestFields) throws {
        try send(String(decoding: ControlCoding.line(request).dropLast(), as: UTF8.self))
    }

    mutating func response() throws -> ControlResponse {
        let deadline = SystemClock.monotonicMilliseconds() + 10_000
        let line = try #require(try reader.readLine(from: socket, until: deadline))
        return try #require(ControlResponse(line: line))
    }

    func close() { socket.close() }
}

@Suite("Control socket: post, nick and tail", .serialized)
struct ControlSocketCommandTests {
    @Test("a post sent over the socket is appended to the log and answered with its entry")
    func postAppearsInLog() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let path = node.home + "/control.sock"
            let answer = try ControlClient.send(
                ControlRequestFields(op: "post", channel: "#random", text: "over the socket"),
                socketPath: path)
            #expect(answer.ok)
            let entry = try #require(answer.entry)
            #expect(entry.sequence == 1)
            #expect(entry.own)
            #expect(entry.community == DefaultCommunity.id.hex)
            let delivered = entry.delivered
            #expect(delivered.entry.author == node.key.publicKey)
            #expect(node.events.deliveredTexts == ["over the socket"])
            #expect(await node.stop() == nil)

            let store = try EntryStore.open(directory: node.home)
            defer { try? store.close() }
            let stored = try #require(try store.entry(EntryID(hex: entry.id)))
            guard case .post(let post) = stored.decodedContent else {
                Issue.record("the stored entry is not a post")
                return
            }
            #expect(post.text == "over the socket")
            #expect(post.channel.name == "random")
        }
    }

    @Test("nick over the socket sets the name that later entries carry")
    func nickSetsName() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let path = node.home + "/control.sock"
            let nick = try ControlClient.send(
                ControlRequestFields(op: "nick", name: "alice"), socketPath: path)
            #expect(nick.ok)
            #expect(nick.communities == [DefaultCommunity.id.hex])
            let post = try ControlClient.send(
                ControlRequestFields(op: "post", text: "hello"), socketPath: path)
            #expect(post.entry?.authorName == "alice")
            #expect(post.entry?.sequence == 2)
            #expect(await node.stop() == nil)
        }
    }

    @Test("tail receives the entries appended after it subscribed, filtered by channel")
    func tailReceivesNewEntries() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            _ = try await node.node.post("before", channel: ChannelName("general"))
            var tail = try ControlConnection(home: node.home)
            defer { tail.close() }
            try tail.send(ControlRequestFields(op: "tail", channel: "general"))
            let started = try tail.response()
            #expect(started.ok)
            #expect(started.tailing == true)

            _ = try await node.node.post("elsewhere", channel: ChannelName("random"))
            let posted = try await node.node.post("after", channel: ChannelName("general"))
            let line = try tail.response()
            #expect(line.ok)
            let entry = try #require(line.entry)
            #expect(entry.id == posted.id.hex)
            let delivered = entry.delivered
            guard case .post(let post) = delivered.entry.decodedContent else {
                Issue.record("the tailed entry is not a post")
                return
            }
            #expect(post.text == "after")
            #expect(await node.stop() == nil)
            // The node closes the subscription when it stops.
            let deadline = SystemClock.monotonicMilliseconds() + 10_000
            #expect(try tail.reader.readLine(from: tail.socket, until: deadline) == nil)
        }
    }

    @Test("a malformed request gets an error answer and the node serves the next request")
    func malformedRequestThenStatus() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var connection = try ControlConnection(home: node.home)
            defer { connection.close() }
            try connection.send("{\"op\":")
            let malformed = try connection.response()
            #expect(!malformed.ok)
            #expect(malformed.error != nil)
            try connection.send(ControlRequestFields(op: "post", channel: "general"))
            let missingText = try connection.response()
            #expect(!missingText.ok)
            #expect(missingText.error?.contains("text") == true)
            try connection.send(ControlRequestFields(op: "tail", community: "not-an-id"))
            #expect(try connection.response().ok == false)
            try connection.send(ControlRequestFields(op: "status"))
            let status = try connection.response()
            #expect(status.ok)
            #expect(status.status?.entryCount == 0)
            #expect(await node.stop() == nil)
        }
    }

    @Test("tail subscriptions are limited apart from clients that ask")
    func limitsTailClients() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var tails: [ControlConnection] = []
            defer { for tail in tails { tail.close() } }
            for _ in 0..<ControlServer.maximumTailClients {
                var tail = try ControlConnection(home: node.home)
                try tail.send(ControlRequestFields(op: "tail"))
                #expect(try tail.response().tailing == true)
                tails.append(tail)
            }
            var extra = try ControlConnection(home: node.home)
            defer { extra.close() }
            try extra.send(ControlRequestFields(op: "tail"))
            let refused = try extra.response()
            #expect(!refused.ok)
            // Subscriptions leave room for requests: every chat holds one while it asks.
            for _ in 0..<ControlServer.maximumClients - 1 {
                #expect(try node.ask(ControlRequestFields(op: "status")).ok)
            }
            #expect(await node.stop() == nil)
        }
    }

    @Test("a tail client that never reads is disconnected instead of buffered without bound")
    func disconnectsStalledTail() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var tail = try ControlConnection(home: node.home)
            defer { tail.close() }
            try tail.send(ControlRequestFields(op: "tail"))
            #expect(try tail.response().tailing == true)

            // Far more than the node queues for one client plus what the kernel buffers.
            let text = String(repeating: "x", count: 16_000)
            var lineBytes = 0
            for _ in 0..<ControlServer.maximumTailQueuedBytes / 8_000 {
                let entry = try await node.node.post(text, channel: ChannelName("general"))
                lineBytes +=
                    ControlEntry(DeliveredEntry(entry: entry, authorName: nil, isOwn: true))
                    .responseLine.count
            }
            // The node still serves others.
            let status = try ControlClient.send(
                ControlRequestFields(op: "status"), socketPath: node.home + "/control.sock")
            #expect(status.ok)

            // What reached the stalled client ends early: it was cut off, not buffered.
            var received = 0
            while true {
                try waitForSocket(tail.socket, .readable)
                let bytes: [UInt8]?
                do {
                    bytes = try tail.socket.receive(maximumCount: 64 * 1024)
                } catch {
                    break  // reset by the node: also cut off
                }
                guard let bytes else { continue }
                if bytes.isEmpty { break }
                received += bytes.count
            }
            #expect(received < lineBytes)
            #expect(await node.stop() == nil)
        }
    }
}
