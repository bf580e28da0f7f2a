import KithControl
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
            // A session ends by its goodbye, never as a reset. (A test starved of threads for 45 s
            // leaves the stranger silent that long, and the node rightly closes that session for
            // idleness before the goodbye goes out.)
            let reasons = downReasons(node)
            let goodbye = "peer said goodbye (shutdown)"
            let idle = "nothing received for"
            #expect(
                reasons.allSatisfy { $0.hasPrefix(goodbye) || $0.hasPrefix(idle) }, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix(goodbye) }, "\(reasons)")
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
