import Testing

/// Scenario 4: five hosts split into two groups, both sides post while apart, then the partition
/// heals and every node ends with every entry, once.
///
/// Topology: bridge "west" holds A and B, bridge "east" holds D and E, and J is on both. Cutting
/// J's link to "east" leaves {A, B, J} and {D, E}, each group still connected inside. A brief
/// partition heals under the sessions (TCP retransmits what was stuck); a long one lasts until
/// the sessions across it time out, so healing needs discovery, new sessions and catch-up.
@Suite(
    "System: partition and heal",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct PartitionHealTests {
    /// How long the partition lasts.
    enum PartitionLength: String, Sendable, CaseIterable {
        /// Healed as soon as both sides converged on their own posts.
        case brief
        /// Healed once every session across the cut has timed out.
        case untilSessionsDrop
    }

    @Test(
        "after a partition heals every node holds every entry once and every log verifies",
        arguments: PartitionLength.allCases)
    func partitionHeals(length: PartitionLength) async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("west")
            try await system.lab.addBridge("east")
            let a = try await system.addHost("a", bridges: ["west"])
            let b = try await system.addHost("b", bridges: ["west"])
            let j = try await system.addHost("j", bridges: ["west", "east"])
            let d = try await system.addHost("d", bridges: ["east"])
            let e = try await system.addHost("e", bridges: ["east"])
            let west = [a, b, j]
            let east = [d, e]
            let everyone = west + east
            for node in everyone {
                try await node.setNick("n\(node.name)")
                try node.startChat()
            }
            try await system.waitForFullMesh(west)
            try await system.waitForFullMesh([j] + east)
            try a.post("before the split")
            try await system.waitForAgreement(everyone, texts: ["before the split"])

            try await system.lab.linkDown(host: "j", bridge: "east")
            let westTexts = ["west 1 from a", "west 2 from b", "west 3 from j", "west 4 from a"]
            let eastTexts = ["east 1 from d", "east 2 from e", "east 3 from d"]
            for text in westTexts {
                try west.first { text.hasSuffix("from \($0.name)") }?.post(text)
            }
            for text in eastTexts {
                try east.first { text.hasSuffix("from \($0.name)") }?.post(text)
            }
            // Each side converges on its own side's posts and cannot have the other side's.
            let westLogs = try await system.waitForAgreement(west, texts: westTexts)
            let eastLogs = try await system.waitForAgreement(east, texts: eastTexts)
            for log in westLogs { #expect(Set(log.texts).isDisjoint(with: eastTexts)) }
            for log in eastLogs { #expect(Set(log.texts).isDisjoint(with: westTexts)) }

            if length == .untilSessionsDrop {
                try await system.waitUntil(
                    "the sessions across the cut to end", timeout: .seconds(120), poll: .seconds(1)
                ) {
                    try await Self.sessionsAcrossTheCut(j: j, east: east) == 0
                }
            }

            try await system.lab.linkUp(host: "j", bridge: "east")
            try await system.waitForFullMesh([j] + east)
            let allTexts = ["before the split"] + westTexts + eastTexts
            let logs = try await system.waitForAgreement(
                everyone, texts: allTexts, timeout: .seconds(120))
            for (node, log) in zip(everyone, logs) {
                for text in allTexts {
                    #expect(
                        log.texts.filter { $0 == text }.count == 1,
                        "\(node.name)'s log holds '\(text)' once")
                    #expect(
                        node.chatLines.filter { $0.hasSuffix("): \(text)") }.count == 1,
                        "\(node.name)'s chat shows '\(text)' once")
                }
            }
            try await system.waitForSessionCounts([(a, 2), (b, 2), (j, 4), (d, 2), (e, 2)])
            try await system.expectCleanStops(everyone)
            try await system.expectSoundLogs(everyone)
        }
    }

    /// Sessions between J and the east group, counted on both sides.
    private static func sessionsAcrossTheCut(j: KithHost, east: [KithHost]) async throws -> Int {
        let jKey = try await j.publicKey()
        var eastKeys: [String] = []
        var count = 0
        for node in east {
            let status = try #require(try await node.status())
            eastKeys.append(status.publicKey)
            count += status.establishedPeers.filter { $0.publicKey == jKey }.count
        }
        let jStatus = try #require(try await j.status())
        return count + jStatus.establishedPeers.filter { eastKeys.contains($0.publicKey) }.count
    }
}
