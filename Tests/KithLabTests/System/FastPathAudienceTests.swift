import Foundation
import Testing

/// The nodes of a link that only read a sender's entry datagrams (its audience) do not push those
/// entries to each other over their sessions: each one's group beacons say it reads the link's
/// entry datagrams (discovery.md, "Beacon flags"; fastpath.md, "Receiving").
@Suite(
    "System: the fast path's audience",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct FastPathAudienceTests {
    @Test("a receiver whose pusher is another receiver gets the burst from datagrams, not from it")
    func receiversDoNotPushToEachOther() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            var nodes: [KithHost] = []
            for name in ["a", "b", "c"] {
                let node = try await system.addHost(name, bridges: ["lan"])
                try await node.setNick("user-\(name)")
                nodes.append(node)
            }
            // b reaches a's sessions not at all (TCP between them is dropped), so c, the other
            // receiver, is the peer b asks to push a's chain; multicast still reaches b.
            try await Self.dropTCP(between: "b", and: "a", in: system.lab)
            for node in nodes { try node.startChat() }
            let (sender, relay, receiver) = (nodes[0], nodes[2], nodes[1])
            try await system.waitForSessionCounts([(sender, 1), (relay, 2), (receiver, 1)])
            // c learns from b's beacons to the group that b reads the link's entry datagrams (b
            // may have been found by a unicast answer first, which says nothing of the link).
            let receiverKey = try #require(try await receiver.status()).publicKey
            let link = Lab.interfaceName(bridge: "lan")
            try await system.waitUntil(
                "c to hear that b reads entry datagrams on \(link)", timeout: .seconds(30)
            ) {
                let peers = try await relay.status()?.peers ?? []
                return peers.contains {
                    $0.publicKey == receiverKey && $0.readsEntryDatagramsOn == [link]
                }
            }
            try sender.post("before the burst")
            try await system.expectDelivered(
                "before the burst", from: sender, nick: "user-a", to: [relay, receiver])
            let before = try #require(try await receiver.status()).traffic
            let relayBefore = try #require(try await relay.status()).traffic

            let count = 200
            try sender.post((1...count).map { "audience line \($0)" }.joined(separator: "\n"))
            let logs = try await system.waitForAgreement(
                nodes, texts: ["audience line 1", "audience line \(count)"],
                timeout: .seconds(120))
            for (node, log) in zip(nodes, logs) {
                let held = log.texts.filter { $0.hasPrefix("audience line ") }.count
                #expect(held == count, "\(node.name) holds \(held) of \(count)")
            }
            let after = try #require(try await receiver.status()).traffic
            let relayAfter = try #require(try await relay.status()).traffic

            // c pushes b (live, unasked) only the entries a session brought it, not those that
            // came by a datagram: b heard the same datagram. (b may still ask for entries its
            // datagrams had not brought yet when c's note came, and get them as answers: under
            // load its copies received count those too, so they say less than c's pushes.)
            let receiverFromDatagrams = after.entriesFromDatagrams - before.entriesFromDatagrams
            let relayFromDatagrams =
                relayAfter.entriesFromDatagrams - relayBefore.entriesFromDatagrams
            let relayPushed = relayAfter.entriesPushed - relayBefore.entriesPushed
            #expect(receiverFromDatagrams > 0, "b: \(after)")
            #expect(relayFromDatagrams > 0, "c: \(relayAfter)")
            #expect(
                relayPushed <= count - relayFromDatagrams,
                "c pushed \(relayPushed) entries of \(count) to b and took \(relayFromDatagrams) from datagrams"
            )
            try await system.expectCleanStops(nodes)
            try await system.expectSoundLogs(nodes)
        }
    }

    @Test("a node run without multicast beside the link's audience is pushed every entry")
    func nodeWithoutMulticastIsPushed() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            var nodes: [KithHost] = []
            for name in ["a", "c", "d"] {
                let node = try await system.addHost(name, bridges: ["lan"])
                try await node.setNick("user-\(name)")
                nodes.append(node)
            }
            let (sender, relay, quiet) = (nodes[0], nodes[1], nodes[2])
            // d reads no group and sends no beacon to one: it knows c alone, as a static peer.
            let relayAddress = try await system.lab.ipv4Address(host: "c", bridge: "lan")
            try await Self.dropTCP(between: "d", and: "a", in: system.lab)
            try sender.startChat()
            try relay.startChat()
            try quiet.startChat(extra: ["--no-multicast", "--peer", relayAddress])
            try await system.waitForSessionCounts([(sender, 1), (relay, 2), (quiet, 1)])
            try sender.post("before the posts")
            try await system.expectDelivered(
                "before the posts", from: sender, nick: "user-a", to: [relay, quiet])
            let quietKey = try #require(try await quiet.status()).publicKey
            let relayPeers = try #require(try await relay.status()).peers
            #expect(
                relayPeers.first { $0.publicKey == quietKey }?.readsEntryDatagramsOn == nil,
                "c takes d, which sends no group beacon, to read no entry datagram")
            let before = try #require(try await quiet.status()).traffic
            let relayBefore = try #require(try await relay.status()).traffic

            let count = 20
            for index in 1...count { try sender.post("pushed line \(index)") }
            let logs = try await system.waitForAgreement(
                nodes, texts: ["pushed line 1", "pushed line \(count)"], timeout: .seconds(120))
            for (node, log) in zip(nodes, logs) {
                let held = log.texts.filter { $0.hasPrefix("pushed line ") }.count
                #expect(held == count, "\(node.name) holds \(held) of \(count)")
            }
            let after = try #require(try await quiet.status()).traffic
            let relayAfter = try #require(try await relay.status()).traffic
            // d took nothing from datagrams; c pushed it every entry as it took it (from a
            // datagram or from a's session), not only when d asked after a note.
            #expect(after.entriesFromDatagrams == before.entriesFromDatagrams)
            #expect(
                relayAfter.entriesPushed - relayBefore.entriesPushed >= count,
                "c pushed \(relayAfter.entriesPushed - relayBefore.entriesPushed) of \(count)")
            try await system.expectCleanStops(nodes)
            try await system.expectSoundLogs(nodes)
        }
    }

    /// Drops every TCP packet between `host` and `other` on the lab's `lan` bridge, both ways, in
    /// `host`'s namespace (an nftables table of the test's own).
    private static func dropTCP(between host: String, and other: String, in lab: Lab) async throws {
        let ipv4 = try await lab.ipv4Address(host: other, bridge: "lan")
        let ipv6 = try await lab.linkLocalAddress(host: other, bridge: "lan", scoped: false)
        let table = ["inet", "kith_test_no_tcp"]
        try await lab.run(host: host, ["nft", "add", "table"] + table)
        for (chain, hook, direction) in [("in", "input", "saddr"), ("out", "output", "daddr")] {
            try await lab.run(
                host: host,
                ["nft", "add", "chain"] + table
                    + [chain, "{ type filter hook \(hook) priority 0; policy accept; }"])
            try await lab.run(
                host: host,
                ["nft", "add", "rule"] + table
                    + [chain, "ip", direction, ipv4, "meta", "l4proto", "tcp", "drop"])
            try await lab.run(
                host: host,
                ["nft", "add", "rule"] + table
                    + [chain, "ip6", direction, ipv6, "meta", "l4proto", "tcp", "drop"])
        }
    }
}
