import Foundation
import KithCore
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
        ControlResponse(communities: [text])
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

    /// Runs a control server in `directory` on a loop of its own: `slow` requests are held until
    /// `body` releases them, `batched` ones are answered `batched <text>` when their batch is
    /// committed (or refused at once when their text is `refuse`), every other request is
    /// answered at once with its text.
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
        server.joinsBatch = { $0.op == "batched" }
        server.commitBatch = {
            let waiting = batches.waiting
            batches.waiting.removeAll()
            batches.sizes.withLock { $0.append(waiting.count) }
            for request in waiting { request.later(Self.echo("batched \(request.text)")) }
        }
        server.respond = { request, later in
            if request.op == "batched" {
                guard request.text != "refuse" else { return Self.echo("refused") }
                batches.waiting.append((request.text ?? "", later))
                return nil
            }
            guard request.op == "slow" else { return Self.echo(request.text ?? "") }
            held.later = later
            holding.withLock { $0 = true }
            return nil
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
                try slow.send(ControlRequest(op: "slow"))
                try slow.send(ControlRequest(op: "echo", text: "after the slow one"))
                try await waitUntil("the slow request is being worked on") { isHeld() }
                // Another client is answered while the slow answer is still being worked on.
                var other = try ControlTestConnection(home: directory)
                defer { other.close() }
                try other.send(ControlRequest(op: "echo", text: "other"))
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
                    bytes += ControlCoding.line(ControlRequest(op: "echo", text: "\(index)"))
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
                var requests: [ControlRequest] = []
                var expected: [ControlResponse] = []
                for index in 0..<(ControlServer.batchedRequestsPerTurn * 3 + 5) {
                    requests.append(ControlRequest(op: "batched", text: "\(index)"))
                    expected.append(Self.echo("batched \(index)"))
                    if index == 70 {
                        requests.append(ControlRequest(op: "echo", text: "plain"))
                        expected.append(Self.echo("plain"))
                    }
                    if index == 100 {
                        requests.append(ControlRequest(op: "batched", text: "refuse"))
                        expected.append(Self.echo("refused"))
                    }
                }
                _ = try client.socket.send(requests.flatMap { ControlCoding.line($0) })
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
                try subscriber.send(ControlRequest(op: "tail"))
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
                    try asker.send(ControlRequest(op: "echo", text: "\(index)"))
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
                try slow.send(ControlRequest(op: "slow"))
                try await waitUntil("the slow request is being worked on") { isHeld() }
                try await Task.sleep(for: .milliseconds(600))
                release(Self.echo("slow"))
                #expect(try slow.response() == Self.echo("slow"))
            }
        }
    }
}
