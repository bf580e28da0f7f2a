import Testing

/// Scenario 5: a node whose only community is a private one shares a segment with two lobby
/// nodes. It sees nobody and nobody sees it; forged beacons and replayed real ones, sent by a
/// fourth host playing an attacker, change nothing.
@Suite(
    "System: a foreign community on the same segment",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: Lab.canRunProbes, "the beacon probe needs python3"),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct ForeignCommunityTests {
    @Test("a node of another community sees nobody; forged and replayed beacons change nothing")
    func foreignCommunityStaysApart() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let a = try await system.addHost("a", bridges: ["lan"])
            let b = try await system.addHost("b", bridges: ["lan"])
            let s = try await system.addHost("s", bridges: ["lan"])
            try await system.lab.addHost("x", bridge: "lan")
            let attacker = try await system.lab.ipv4Address(host: "x", bridge: "lan")

            try await s.kith(["community", "create", "secret"])
            try await s.kith(["community", "leave", "lobby"])
            for (node, nick) in [(a, "ann"), (b, "bea"), (s, "sam")] {
                try await node.setNick(nick)
                try node.startChat()
            }
            try await system.waitForFullMesh([a, b])
            // What a peer taken in looks like: its beacon address is listed.
            let bAddress = try await system.lab.ipv4Address(host: "b", bridge: "lan")
            try await system.waitUntil("a to list b's IPv4 address", timeout: .seconds(30)) {
                try await a.status()?.peers.flatMap(\.allAddresses)
                    .contains { $0.hasPrefix(bAddress + ":") } == true
            }
            try a.post("lobby talk")
            try s.post("secret talk")
            try await system.expectDelivered("lobby talk", from: a, nick: "ann", to: [b])
            try await system.waitUntil("s to write its post", timeout: .seconds(30)) {
                s.chatLine(showing: "secret talk") != nil
            }
            let sKey = try await s.publicKey()

            // The attacker records real beacons from the group, then sends forged ones and the
            // recordings to the group and to each node's discovery port.
            let recorded = try await BeaconProbe.capture(
                in: system.lab, host: "x", bridge: "lan", count: 6)
            #expect(recorded.count == 6)
            let aAddress = try await system.lab.ipv4Address(host: "a", bridge: "lan")
            #expect(recorded.contains { $0.source == aAddress }, "a's beacons are among them")
            let forged = (0..<4).map { _ in BeaconProbe.forgedBeacon() }
            let datagrams = forged + recorded.map(\.bytes)
            try await BeaconProbe.send(
                datagrams, in: system.lab, host: "x", bridge: "lan", to: BeaconProbe.ipv4Group)
            for node in ["a", "b", "s"] {
                let address = try await system.lab.ipv4Address(host: node, bridge: "lan")
                let answers = try await BeaconProbe.send(
                    datagrams, in: system.lab, host: "x", bridge: "lan", to: address,
                    listenSeconds: 3)
                #expect(answers == 0, "\(node) answered a forged or replayed beacon")
            }

            // Let every node work through more rounds of beacons than a fallback dial (3 s) needs:
            // s drops each lobby beacon, so its drop count measures the rounds.
            let dropped = try #require(try await s.status()).droppedDatagrams
            try await system.waitUntil("s to drop 12 more beacons", timeout: .seconds(60)) {
                try await s.status()?.droppedDatagrams ?? 0 >= dropped + 12
            }
            try b.post("lobby still works")
            try await system.expectDelivered("lobby still works", from: b, nick: "bea", to: [a])

            for node in [a, b, s] {
                #expect(node.isRunning, "\(node.name) keeps running")
                let status = try #require(try await node.status())
                let addresses = status.peers.flatMap(\.allAddresses)
                #expect(
                    !addresses.contains { $0.hasPrefix(attacker + ":") },
                    "\(node.name) took the attacker for a peer: \(addresses)")
                #expect(
                    !node.events.contains("\(attacker):"),
                    "\(node.name) tried the attacker's address")
                if node === s {
                    #expect(status.peers.isEmpty, "s sees \(status.peers.map(\.fingerprint))")
                    #expect(status.sessionCount == 0)
                } else {
                    #expect(!status.peers.contains { $0.publicKey == sKey })
                }
            }
            #expect(try await s.peerLines().isEmpty, "kith peers lists nobody on s")
            #expect(!s.events.contains("peer found"))
            #expect(!s.events.contains("session up"))
            #expect(s.chatLines.count == 1, "s shows only its own post: \(s.chatLines)")

            try await system.expectCleanStops([a, b, s])
            // Nobody has anything of s, and s has nothing of anybody.
            for node in [a, b] {
                let log = try await node.log()
                #expect(!log.records.contains { $0.author == sKey })
                #expect(!log.texts.contains("secret talk"))
            }
            let sLog = try await s.log()
            #expect(sLog.records.allSatisfy { $0.author == sKey })
            #expect(sLog.texts == ["secret talk"])
            try await system.expectSoundLogs([a, b, s])
        }
    }
}
