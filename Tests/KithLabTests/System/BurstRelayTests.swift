import Testing

/// A burst through a relay: three hosts in a line, A on bridge one, C on bridge two, B on both.
/// A's chat writes 2,000 lines at once. Before the fix, B and C stopped near 1,300 for good: the
/// session to B had spent the output credit the engine was first given, and since the socket took
/// every frame at once the credit was never renewed.
@Suite(
    "System: a burst of 2,000 posts through a relay",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct BurstRelayTests {
    @Test("every line of a 2,000-line burst reaches B and C, then a later post does too")
    func burstCrossesTheRelay() async throws {
        try await SystemLab.run { system in
            let (a, b, c) = try await system.startLineOfThree()

            let burst = (1...2_000).map { "burst line \($0)" }
            try a.post(burst.joined(separator: "\n"))
            let logs = try await system.waitForAgreement(
                [a, b, c], texts: ["burst line 1", "burst line 2000"], timeout: .seconds(120))
            for (node, log) in zip([a, b, c], logs) {
                let held = Set(log.texts.filter { $0.hasPrefix("burst line ") })
                #expect(held.count == 2_000, "\(node.name) holds \(held.count) of 2,000")
            }

            try a.post("after the burst")
            try await system.expectDelivered(
                "after the burst", from: a, nick: "ann", to: [b, c], timeout: .seconds(30))
            try await system.expectCleanStops([a, b, c])
            try await system.expectSoundLogs([a, b, c])
        }
    }
}
