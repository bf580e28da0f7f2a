import Foundation
import Testing

/// Scenario 7: beacons get lost (10 % of received multicast dropped on both hosts); discovery
/// only takes longer.
@Suite(
    "System: lossy multicast",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct MulticastLossTests {
    @Test("with 10 % multicast loss on both hosts they still meet and exchange posts")
    func lossyMulticast() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let alice = try await system.addHost("a", bridges: ["lan"])
            let bob = try await system.addHost("b", bridges: ["lan"])
            for host in ["a", "b"] {
                try await system.lab.setLoss(host: host, percent: 10, scope: .multicastUDP)
            }
            try await alice.setNick("alice")
            try await bob.setNick("bob")
            try alice.startChat()
            try bob.startChat()

            try await system.waitForFullMesh([alice, bob])
            try alice.post("through the lossy lan, alice")
            try bob.post("through the lossy lan, bob")
            try await system.expectDelivered(
                "through the lossy lan, alice", from: alice, nick: "alice", to: [bob])
            try await system.expectDelivered(
                "through the lossy lan, bob", from: bob, nick: "bob", to: [alice])
            // The rule really dropped beacons while the nodes ran (it counts what it drops).
            for host in ["a", "b"] {
                try await system.waitUntil("\(host) to drop a beacon", timeout: .seconds(60)) {
                    try await Self.droppedPackets(on: host, in: system.lab) > 0
                }
            }
            try await system.expectCleanStops([alice, bob])
            try await system.expectSoundLogs([alice, bob])
        }
    }

    @Test(
        "the fast path with 10 % multicast loss: six nodes on one link hold every entry of a burst"
    )
    func fastPathUnderLoss() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            var nodes: [KithHost] = []
            for name in ["a", "b", "c", "d", "e", "f"] {
                let node = try await system.addHost(name, bridges: ["lan"])
                try await system.lab.setLoss(host: name, percent: 10, scope: .multicastUDP)
                try await node.setNick("user-\(name)")
                try node.startChat()
                nodes.append(node)
            }
            // Six nodes need not all hold sessions with each other (overlay.md): the first post
            // reaching everyone is what shows the mesh is up.
            let sender = nodes[0]
            let receivers = Array(nodes.dropFirst())
            try sender.post("before the burst")
            try await system.expectDelivered(
                "before the burst", from: sender, nick: "user-a", to: receivers,
                timeout: .seconds(60))

            let burst = (1...300).map { "fast line \($0)" }
            try sender.post(burst.joined(separator: "\n"))
            let logs = try await system.waitForAgreement(
                nodes, texts: ["fast line 1", "fast line 300"], timeout: .seconds(120))
            for (node, log) in zip(nodes, logs) {
                let held = Set(log.texts.filter { $0.hasPrefix("fast line ") })
                #expect(held.count == 300, "\(node.name) holds \(held.count) of 300")
            }
            // The sender sent each post once per link as a datagram; every receiver appended
            // some of them from datagrams, and what the lost datagrams missed came by sessions.
            let sent = try #require(try await sender.status()).traffic
            #expect(sent.entryDatagramsSent >= 301, "\(sent)")
            for node in receivers {
                let traffic = try #require(try await node.status()).traffic
                #expect(traffic.entriesFromDatagrams > 0, "\(node.name): \(traffic)")
                #expect(traffic.entryDatagramsReceived >= traffic.entriesFromDatagrams)
            }
            for host in ["a", "b", "c", "d", "e", "f"] {
                #expect(try await Self.droppedPackets(on: host, in: system.lab) > 0)
            }
            try await system.expectCleanStops(nodes)
            try await system.expectSoundLogs(nodes)
        }
    }

    /// The packets the lab's loss rule on `host` dropped so far (its nftables counter).
    private static func droppedPackets(on host: String, in lab: Lab) async throws -> Int {
        let rules = try await lab.run(
            host: host, ["nft", "list", "table", "inet", "kith_lab_loss"])
        guard let range = rules.range(of: "counter packets ") else { return 0 }
        return Int(rules[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
}
