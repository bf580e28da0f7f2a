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
                try await system.waitUntil(timeout: .seconds(60), "\(host) to drop a beacon") {
                    try await Self.droppedPackets(on: host, in: system.lab) > 0
                }
            }
            try await system.expectCleanStops([alice, bob])
            try await system.expectSoundLogs([alice, bob])
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
