import Glibc
import Testing

/// Scenario 8: a node killed with SIGKILL and restarted on the same home continues its chain
/// where it was: no fork, nothing lost, and its peer gets every post.
@Suite(
    "System: crash and restart",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct CrashRestartTests {
    @Test("a node killed with SIGKILL rejoins and continues its chain")
    func killedNodeContinuesItsChain() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let alice = try await system.addHost("a", bridges: ["lan"])
            let bob = try await system.addHost("b", bridges: ["lan"])
            try await alice.setNick("alice")
            try await bob.setNick("bob")
            try alice.startChat()
            try bob.startChat()
            try await system.waitForFullMesh([alice, bob])

            try alice.post("before the crash")
            try await system.expectDelivered(
                "before the crash", from: alice, nick: "alice", to: [bob])
            // Posted, durable (the chat prints a post once it is in the log), then killed at once.
            try alice.post("just before the crash")
            try await system.waitUntil("alice to write her post", timeout: .seconds(30)) {
                alice.chatLine(showing: "just before the crash") != nil
            }
            #expect(try await alice.crash() == .signaled(SIGKILL))

            try alice.startChat()
            try await system.waitForFullMesh([alice, bob])
            try alice.post("after the crash")
            for text in ["just before the crash", "after the crash"] {
                try await system.expectDelivered(text, from: alice, nick: "alice", to: [bob])
            }
            let logs = try await system.waitForAgreement(
                [alice, bob],
                texts: ["before the crash", "just before the crash", "after the crash"])

            // Alice's chain: her name, then the three posts, one after the other, in both logs.
            let fingerprint = try #require(try await alice.status()).fingerprint
            for log in logs {
                let chain = log.records.filter { $0.fingerprint == fingerprint }
                    .sorted { ($0.sequence ?? 0) < ($1.sequence ?? 0) }
                #expect(chain.map(\.sequence) == [1, 2, 3, 4])
                #expect(
                    chain.map(\.text) == [
                        nil, "before the crash", "just before the crash", "after the crash",
                    ])
            }
            try await system.expectCleanStops([alice, bob])
            try await system.expectSoundLogs([alice, bob])
        }
    }
}
