import Testing

/// Scenario 1: two hosts on one bridge find each other and chat both ways.
@Suite(
    "System: two hosts on one bridge",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct TwoHostExchangeTests {
    @Test("two hosts discover each other and exchange posts both ways")
    func exchangePostsBothWays() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let alice = try await system.addHost("a", bridges: ["lan"])
            let bob = try await system.addHost("b", bridges: ["lan"])
            try await alice.setNick("alice")
            try await bob.setNick("bob")
            try alice.startChat()
            try bob.startChat()

            try await system.waitForFullMesh([alice, bob])
            try alice.post("hello bob, this is alice")
            try bob.post("hi alice, bob here")

            try await system.expectDelivered(
                "hello bob, this is alice", from: alice, nick: "alice", to: [alice, bob])
            try await system.expectDelivered(
                "hi alice, bob here", from: bob, nick: "bob", to: [bob, alice])
            try await system.waitForAgreement(
                [alice, bob], texts: ["hello bob, this is alice", "hi alice, bob here"])
            try await system.waitForSessionCounts([(alice, 1), (bob, 1)])
            // Alice stops on SIGTERM, bob at the end of his input; both cleanly.
            try await system.expectCleanStops([alice])
            bob.endInput()
            #expect(try await bob.process?.wait(timeout: .seconds(20)) == .exited(0))
            try await system.expectSoundLogs([alice, bob])
        }
    }
}
