import Foundation
import KithControl
import KithCore
import KithSystem
import Synchronization
import Testing

@testable import KithNode

/// The control server answers a client's requests a few per turn of the loop, and a request the
/// node works on over several turns holds back only that client's later requests: no client's
/// requests hold the loop, and each client gets its answers in order.
@Suite("Control socket: answers paced over turns of the loop", .serialized)
struct ControlServerPacingTests {
    /// The answer a test server gives: the request's text, as the `communities` field.
    private static func echo(_ text: String) -> ControlResponse {
        .nameSet(communities: [text])
    }

    /// A request the test server answers at once with its text: a `nick`, whose name it echoes.
    private static func echoRequest(_ text: String) -> ControlRequestFields {
        ControlRequestFields(op: "nick", name: text)
    }

    /// A request the test server holds until the test releases it: `blocked`.
    private static let slowRequest = ControlRequestFields(op: "blocked")

    /// A request that joins a batch: a `post` of `text`.
    private static func batchedRequest(_ text: String) -> ControlRequestFields {
        ControlRequestFields(op: "post", text: text)
    }

    /// The `later` of the request the server holds, used on the loop thread only.
    private final class HeldAnswer: @unchecked Sendable {
        var later: ((ControlResponse) -> Void)?
    }

    /// The `batched` requests the server holds until its batch is committed, on the loop thread
    /// only, and the size of each batch committed.
    private final class Batches: @unchecked Sendable {
        var waiting: [(text: String, later: (ControlResponse) -> Void)] = []
        let sizes = Mutex<[Int]>([])
    }

    /// Runs a control server in `directory` on a loop of its own: slow requests (`blocked`) are
    /// held until `body` releases them, batched ones (`post`) are answered `batched <text>` when
    /// their batch is committed (or refused at once when their text is `refuse`), echoed ones
    /// (`nick`) are answered at once with their name.
    private func withServer(
        in directory: String,
        idleTimeout: UInt64 = ControlServer.defaultIdleTimeout,
        batches: Batches = Batches(),
        _ body: (_ release: @escaping @Sendable (ControlResponse) -> Void, _ isHeld: () -> Bool)
            async throws -> Void
    ) async throws {
        let loop = try EventLoop()
        let server = try ControlServer.open(
            path: directory + "/control.sock", loop: loop, idleTimeout: idleTimeout)
        let held = HeldAnswer()
        let holding = Mutex(false)
        server.joinsBatch = { if case .post = $0 { true } else { false } }
        server.commitBatch = {
            let waiting = batches.waiting
            batches.waiting.removeAll()
            batches.sizes.withLock { $0.append(waiting.count) }
            for request in waiting { request.later(Self.echo("batched \(request.text)")) }
        }
        server.respond = { request, later in
            switch request {
            case .post(_, let post):
                guard post.text != "refuse" else { return Self.echo("refused") }
                batches.waiting.append((post.text, later))
                return nil
            case .nick(_, let name):
                return Self.echo(name.name)
            default:
                held.later = later
                holding.withLock { $0 = true }
                return nil
            }
        }
        let finished = Mutex(false)
        let thread = Thread {
            try? loop.run()
            finished.withLock { $0 = true }
        }
        thread.start()
        nonisolated(unsafe) let unsafeServer = server
        do {
            try await body(
                { response in
                    _ = loop.execute {
                        held.later?(response)
                        held.later = nil
                    }
                }, { holding.withLock { $0 } })
        } catch {
            _ = loop.execute { unsafeServer.stop() }
            loop.stop()
            throw error
        }
        _ = loop.execute { unsafeServer.stop() }
        loop.stop()
        try await waitUntil("the loop stopped") { finished.withLock { $0 } }
        loop.shutDown()
    }

    @Test("a held answer holds back its own client's later requests, not other clients")
    func heldAnswerKeepsOrderAndOthersProgress() async throws {
        try await withTemporaryDirectory { directory in
            try await withServer(in: directory) { release, isHeld in
                var slow = try ControlTestConnection(home: directory)
                defer { slow.close() }
                try slow.send(Self.slowRequest)
                try slow.send(Self.echoRequest("after the slow one"))
                try await waitUntil("the slow request is being worked on") { isHeld() }
                // Another client is answered while the slow answer is still being worked on.
                var other = try ControlTestConnection(home: directory)
                defer { other.close() }
                try other.send(Self.echoRequest("other"))
                #expect(try other.response() == Self.echo("other"))
                // The slow client's answers come in the order it asked.
                release(Self.echo("slow"))
                #expect(try slow.response() == Self.echo("slow"))
                #expect(try slow.response() == Self.echo("after the slow one"))
            }
        }
    }

    @Test("many requests sent at once are all answered, in order, over several turns")
    func pipelinedRequestsAnsweredInOrder() async throws {
        try await withTemporaryDirectory { directory in
            try await withServer(in: directory) { _, _ in
                var client = try ControlTestConnection(home: directory)
                defer { client.close() }
                let count = ControlServer.requestsPerTurn * 5 + 3
                var bytes: [UInt8] = []
                for index in 0..<count {
                    bytes += Self.echoRequest("\(index)").line
                }
                _ = try client.socket.send(bytes)
                for index in 0..<count {
                    #expect(try client.response() == Self.echo("\(index)"))
                }
            }
        }
    }

    @Test("requests that join a batch are answered together, in order with the others")
    func batchedRequestsKeepOrder() async throws {
        let batches = Batches()
        try await withTemporaryDirectory { directory in
            try await withServer(in: directory, batches: batches) { _, _ in
                var client = try ControlTestConnection(home: directory)
                defer { client.close() }
                var requests: [ControlRequestFields] = []
                var expected: [ControlResponse] = []
                for index in 0..<(ControlServer.batchedRequestsPerTurn * 3 + 5) {
                    requests.append(Self.batchedRequest("\(index)"))
                    expected.append(Self.echo("batched \(index)"))
                    if index == 70 {
                        requests.append(Self.echoRequest("plain"))
                        expected.append(Self.echo("plain"))
                    }
                    if index == 100 {
                        requests.append(Self.batchedRequest("refuse"))
                        expected.append(Self.echo("refused"))
                    }
                }
                _ = try client.socket.send(requests.flatMap(\.line))
                for answer in expected {
                    #expect(try client.response() == answer)
                }
            }
        }
        let committed = batches.sizes.withLock { $0 }
        // Every batched request was committed once, no batch was larger than a turn allows,
        // and requests sent together shared a commit.
        #expect(committed.reduce(0, +) == ControlServer.batchedRequestsPerTurn * 3 + 5)
        #expect(committed.allSatisfy { $0 <= ControlServer.batchedRequestsPerTurn })
        #expect(committed.contains { $0 > 1 })
    }

    @Test("an idle client is let go, a tail subscription and the clients after it are not")
    func idleTimeoutSparesSubscriptions() async throws {
        try await withTemporaryDirectory { directory in
            try await withServer(in: directory, idleTimeout: 200) { _, _ in
                var subscriber = try ControlTestConnection(home: directory)
                defer { subscriber.close() }
                try subscriber.send(ControlRequestFields(op: "tail"))
                #expect(try subscriber.response().tailing == true)
                let idle = try ControlTestConnection(home: directory)
                defer { idle.close() }
                // The idle client's connection ends: the timer works.
                try await waitUntil("the idle client is let go") {
                    (try? idle.socket.receive(maximumCount: 1)) == .some([])
                }
                // Clients that come after get the descriptors of the ones let go; none of that
                // ends the subscription, however long it stays quiet.
                for index in 0..<4 {
                    var asker = try ControlTestConnection(home: directory)
                    try asker.send(Self.echoRequest("\(index)"))
                    #expect(try asker.response() == Self.echo("\(index)"))
                    asker.close()
                    try await Task.sleep(for: .milliseconds(150))
                }
                #expect(try subscriber.socket.receive(maximumCount: 1) == nil)
            }
        }
    }

    @Test("a client waiting for an answer the node works on is not let go as idle")
    func heldAnswerOutlastsIdleTimeout() async throws {
        try await withTemporaryDirectory { directory in
            try await withServer(in: directory, idleTimeout: 200) { release, isHeld in
                var slow = try ControlTestConnection(home: directory)
                defer { slow.close() }
                try slow.send(Self.slowRequest)
                try await waitUntil("the slow request is being worked on") { isHeld() }
                try await Task.sleep(for: .milliseconds(600))
                release(Self.echo("slow"))
                #expect(try slow.response() == Self.echo("slow"))
            }
        }
    }
}
