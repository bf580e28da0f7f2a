import Testing

/// Scenario 6: hosts without any IPv4 still find each other (IPv6 link-local multicast) and chat.
@Suite(
    "System: IPv6 only",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct IPv6OnlyTests {
    @Test("two IPv6-only hosts discover each other and exchange posts")
    func ipv6OnlyHostsChat() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let alice = try await system.addHost("a", bridges: ["lan"], ipv6Only: true)
            let bob = try await system.addHost("b", bridges: ["lan"], ipv6Only: true)
            try await alice.setNick("alice")
            try await bob.setNick("bob")
            try alice.startChat()
            try bob.startChat()

            try await system.waitForFullMesh([alice, bob])
            for node in [alice, bob] {
                let sessions = try #require(try await node.status()).establishedPeers
                #expect(
                    sessions.allSatisfy { $0.sessionAddress?.hasPrefix("[fe80:") == true },
                    "\(node.name)'s sessions: \(sessions.map(\.sessionAddress))")
            }
            try alice.post("over IPv6 from alice")
            try bob.post("over IPv6 from bob")
            try await system.expectDelivered(
                "over IPv6 from alice", from: alice, nick: "alice", to: [bob])
            try await system.expectDelivered(
                "over IPv6 from bob", from: bob, nick: "bob", to: [alice])
            try await system.expectCleanStops([alice, bob])
            try await system.expectSoundLogs([alice, bob])
        }
    }
}
