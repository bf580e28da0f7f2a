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
            let (a, b, c) = try await system.startLineOfThree()
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
