import Foundation
import Testing

/// Scenario: 25 nodes on one bridge. Each keeps a few sessions (overlay.md), the sessions connect
/// everyone and stay put, and entries posted at five nodes reach all 25, each stored once and,
/// almost always, received and checked once per node.
@Suite(
    "System: 25 nodes on one bridge",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct CrowdedLinkTests {
    static let size = 25
    static let writers = 5
    static let postsEach = 20

    @Test("a bounded, connected overlay that stays put; every entry everywhere, nothing twice")
    func crowdedLink() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("one")
            var nodes: [KithHost] = []
            for index in 0..<Self.size {
                nodes.append(try await system.addHost("n\(index)", bridges: ["one"]))
            }
            for node in nodes { try node.startNode(verbose: false) }

            // Settled: every node has sessions, they connect everyone, and no session opened or
            // closed anywhere between three looks a second apart.
            var previous: [Int]?
            var stableLooks = 0
            var statuses: [NodeStatusSnapshot] = []
            try await system.waitUntil(
                "the overlay to settle", timeout: .seconds(120), poll: .seconds(1)
            ) {
                guard let current = try await Self.statuses(of: nodes) else { return false }
                statuses = current
                let changes = statuses.map { $0.traffic.sessionsOpened + $0.traffic.sessionsClosed }
                stableLooks = changes == previous ? stableLooks + 1 : 0
                previous = changes
                return stableLooks >= 2 && statuses.allSatisfy { $0.sessionCount > 0 }
                    && Self.isConnected(statuses)
            }
            for status in statuses {
                #expect(status.sessionCount <= 8, "\(status.publicKey): \(status.sessionCount)")
            }
            let sessionsBefore = statuses.map { Set($0.establishedPeers.map(\.publicKey)) }
            let trafficBefore = statuses.map(\.traffic)

            var texts: [String] = []
            for writer in 0..<Self.writers {
                let node = nodes[writer * 5]
                for index in 0..<Self.postsEach {
                    let text = "from \(node.name), number \(index)"
                    _ = try await KithTools.runKith(["post", text, "--home", node.home.path])
                        .checkedOutput()
                    texts.append(text)
                }
            }
            let total = UInt64(Self.writers * Self.postsEach)
            try await system.waitUntil(
                "all 25 nodes to hold all \(total) posts", timeout: .seconds(120), poll: .seconds(1)
            ) {
                try await Self.statuses(of: nodes)?.allSatisfy { $0.entryCount == total } ?? false
            }
            try await system.waitForAgreement(nodes, texts: texts)

            // The overlay did not change while entries flowed.
            statuses = try #require(try await Self.statuses(of: nodes))
            #expect(statuses.map { Set($0.establishedPeers.map(\.publicKey)) } == sessionsBefore)
            // Each entry crossed each node about once, and was checked once.
            let received = Int(total) * (Self.size - 1)
            let copies = zip(statuses, trafficBefore).map {
                $0.traffic.entryCopiesReceived - $1.entryCopiesReceived
            }.reduce(0, +)
            let checks = zip(statuses, trafficBefore).map {
                $0.traffic.signaturesChecked - $1.signaturesChecked
            }.reduce(0, +)
            #expect(Double(copies) <= 1.5 * Double(received), "\(copies) copies of \(received)")
            #expect(Double(checks) <= 1.1 * Double(received), "\(checks) checks of \(received)")
            try await system.expectCleanStops(nodes)
            try await system.expectSoundLogs(nodes)
        }
    }

    /// The status of every node, in order; nil while one does not answer yet.
    static func statuses(of nodes: [KithHost]) async throws -> [NodeStatusSnapshot]? {
        var statuses: [NodeStatusSnapshot] = []
        for node in nodes {
            guard let status = try await node.status() else { return nil }
            statuses.append(status)
        }
        return statuses
    }

    /// Whether the established sessions connect every node.
    static func isConnected(_ statuses: [NodeStatusSnapshot]) -> Bool {
        let sessions = Dictionary(
            uniqueKeysWithValues: statuses.map {
                ($0.publicKey, Set($0.establishedPeers.map(\.publicKey)))
            })
        guard let start = statuses.first?.publicKey else { return true }
        var seen: Set<String> = [start]
        var frontier = [start]
        while let key = frontier.popLast() {
            for peer in sessions[key] ?? [] where seen.insert(peer).inserted {
                frontier.append(peer)
            }
        }
        return seen.count == statuses.count
    }
}
