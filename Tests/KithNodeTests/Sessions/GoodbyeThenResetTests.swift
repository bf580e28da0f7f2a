import KithCore
import KithMesh
import Testing

@testable import KithNode

/// A peer that says `goodbye` and closes its socket with bytes unread resets the connection: the
/// node may find the goodbye and the reset together. The goodbye still counts (replication.md,
/// "Messages"; overlay.md, "Backoff": a session that ended with goodbye 0 is no failure).
@Suite("Goodbye then reset", .serialized)
struct GoodbyeThenResetTests {
    @Test("a goodbye followed at once by a reset ends the session as a goodbye, every time")
    func goodbyeThenReset() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            for round in 1...10 {
                let stranger = try StrangerSession(
                    port: node.node.sessionPort, responder: node.key.publicKey,
                    community: DefaultCommunity.key)
                try await waitUntil("session \(round) is up") {
                    try await node.node.status().sessionCount == 1
                }
                try stranger.sendThenReset(.goodbye(.shutdown, text: "bye"))
                try await waitUntil("session \(round) is down") {
                    downReasons(node).count == round
                }
            }
            let reasons = downReasons(node)
            #expect(reasons.allSatisfy { $0.contains("goodbye (shutdown)") }, "\(reasons)")
            #expect(await node.stop() == nil)
        }
    }

    /// Why each session of `node` ended, in order.
    private func downReasons(_ node: TestNode) -> [String] {
        node.events.all.compactMap { event in
            if case .sessionDown(_, let reason) = event { reason } else { nil }
        }
    }
}
