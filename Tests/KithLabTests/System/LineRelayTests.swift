import Testing

/// Scenario 2: a line of three hosts on two bridges. A and C share no segment; B, on both, is the
/// only way between them, and entries flow through it both ways.
@Suite(
    "System: a line of three hosts",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct LineRelayTests {
    @Test("entries flow from A to C and from C to A through B")
    func entriesCrossTheMiddleHost() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("one")
            try await system.lab.addBridge("two")
            let a = try await system.addHost("a", bridges: ["one"])
            let b = try await system.addHost("b", bridges: ["one", "two"])
            let c = try await system.addHost("c", bridges: ["two"])
            for (node, nick) in [(a, "ann"), (b, "ben"), (c, "cat")] {
                try await node.setNick(nick)
                try node.startChat()
            }

            try await system.waitForFullMesh([a, b])
            try await system.waitForFullMesh([b, c])
            try a.post("from the west end")
            try c.post("from the east end")
            try await system.expectDelivered(
                "from the west end", from: a, nick: "ann", to: [b, c])
            try await system.expectDelivered(
                "from the east end", from: c, nick: "cat", to: [b, a])
            try await system.waitForAgreement(
                [a, b, c], texts: ["from the west end", "from the east end"])

            // The ends never met: everything went through B.
            let bKey = try await b.publicKey()
            for end in [a, c] {
                let peers = try #require(try await end.status()).peers.map(\.publicKey)
                #expect(peers == [bKey], "\(end.name) knows only B, saw \(peers)")
            }
            try await system.expectCleanStops([a, b, c])
            try await system.expectSoundLogs([a, b, c])
        }
    }
}
