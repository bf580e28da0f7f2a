import Foundation
import Testing

/// `kith chat` commands across three hosts, driven through standard input (a pipe, as a script
/// would): private messages through a relay, names, and blocking.
@Suite(
    "System: chat commands across three hosts",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct ChatCommandsTests {
    /// Three hosts in a line, each named and chatting; the ends meet only through the middle
    /// one. Returns them in line order once both links have their session.
    private func chattingLine(
        _ system: SystemLab, _ hosts: [(name: String, nick: String)]
    ) async throws -> (KithHost, KithHost, KithHost) {
        try await system.lab.addBridge("one")
        try await system.lab.addBridge("two")
        let left = try await system.addHost(hosts[0].name, bridges: ["one"])
        let middle = try await system.addHost(hosts[1].name, bridges: ["one", "two"])
        let right = try await system.addHost(hosts[2].name, bridges: ["two"])
        for (node, host) in zip([left, middle, right], hosts) {
            try await node.setNick(host.nick)
            try node.startChat()
        }
        try await system.waitForFullMesh([left, middle])
        try await system.waitForFullMesh([middle, right])
        return (left, middle, right)
    }

    /// Waits until `host` printed a line containing `text`; returns it.
    @discardableResult
    private func waitForLine(
        _ system: SystemLab, on host: KithHost, containing text: String
    ) async throws -> String {
        try await system.waitUntil("\(host.name) to show '\(text)'", timeout: .seconds(60)) {
            host.chatLines.contains { $0.contains(text) }
        }
        return host.chatLines.first { $0.contains(text) } ?? ""
    }

    /// Every byte of the files under `directory`.
    private func allBytes(under directory: URL) throws -> Data {
        var data = Data()
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            if let contents = try? Data(contentsOf: file) { data.append(contents) }
        }
        return data
    }

    @Test("a private message crosses a relay that stores only ciphertext and shows nothing")
    func privateMessageThroughRelay() async throws {
        try await SystemLab.run { system in
            // A and B meet only through C.
            let (a, c, b) = try await chattingLine(
                system, [("a", "ann"), ("c", "cat"), ("b", "ben")])
            // A must know B's name before addressing it: B says hello first.
            try b.post("hello from ben")
            try await system.expectDelivered("hello from ben", from: b, nick: "ben", to: [a, c])

            let secret = "the spare key is under the blue pot"
            try a.post("/msg ben \(secret)")
            let shown = try await waitForLine(system, on: b, containing: secret)
            let aFingerprint = try #require(try await a.status()).fingerprint
            #expect(shown.contains("[private] from ann (\(aFingerprint.prefix(9))): \(secret)"))
            try await waitForLine(system, on: a, containing: "[private] to ben (")

            // C relayed it: the entry is in its log, as ciphertext only.
            try await system.waitUntil("C to hold A's private entry", timeout: .seconds(30)) {
                let log = await c.logIfReadable()
                return log?.records.contains { $0.type == "private" } ?? false
            }
            #expect(!c.chatLines.contains { $0.contains(secret) }, "C's chat shows nothing of it")
            #expect(!c.chatLines.contains { $0.contains("[private]") })
            let stored = try allBytes(under: c.home)
            #expect(stored.range(of: Data(secret.utf8)) == nil, "C's files hold no plaintext")
            try await system.expectCleanStops([a, b, c])
            try await system.expectSoundLogs([a, b, c])
        }
    }

    @Test("a new name is seen on every host, and a second person taking it is shown apart")
    func namesAcrossHosts() async throws {
        try await SystemLab.run { system in
            let (a, b, c) = try await chattingLine(
                system, [("a", "ann"), ("b", "ben"), ("c", "cat")])
            let aShort = String(try #require(try await a.status()).fingerprint.prefix(9))
            let cShort = String(try #require(try await c.status()).fingerprint.prefix(9))

            try a.post("/nick anna")
            for host in [b, c] {
                try await waitForLine(
                    system, on: host,
                    containing: "-- ann (\(aShort)) is now known as anna (\(aShort))")
            }
            try a.post("greetings from anna")
            try await system.expectDelivered(
                "greetings from anna", from: a, nick: "anna", to: [b, c])

            // C takes the same name later: B shows C apart from A.
            try c.post("/nick anna")
            let renamed = try await waitForLine(
                system, on: b, containing: "is now known as anna (\(cShort)) [not the first anna]")
            #expect(renamed.contains("-- cat (\(cShort))"))
            try c.post("i am anna too")
            let line = try await waitForLine(system, on: b, containing: "i am anna too")
            #expect(line.hasSuffix("#general anna (\(cShort)) [not the first anna]: i am anna too"))
            // A is still plain "anna" on B.
            try a.post("still the first")
            let first = try await waitForLine(system, on: b, containing: "still the first")
            #expect(first.hasSuffix("#general anna (\(aShort)): still the first"))
            try await system.expectCleanStops([a, b, c])
        }
    }

    /// The entry datagrams `a` and `c` sent, and those `b` received that passed the datagram
    /// rules (fastpath.md; a refused author's datagrams pass them and are dropped after).
    func datagramCounts(_ a: KithHost, _ b: KithHost, _ c: KithHost) async throws -> (
        sentByA: Int, sentByC: Int, receivedByB: Int
    ) {
        var statuses: [NodeStatusSnapshot.Traffic] = []
        for host in [a, b, c] {
            guard let status = try await host.status() else {
                throw LabError.launchFailed(command: ["kith", "status"], reason: "\(host) stopped")
            }
            statuses.append(status.traffic)
        }
        return (
            statuses[0].entryDatagramsSent, statuses[2].entryDatagramsSent,
            statuses[1].entryDatagramsReceived
        )
    }

    @Test(
        "/block --refuse on the middle host hides an author and stops relaying it; /unblock resumes"
    )
    func blockStopsRelaying() async throws {
        try await SystemLab.run { system in
            let (a, b, c) = try await chattingLine(
                system, [("a", "ann"), ("b", "ben"), ("c", "cat")])
            try a.post("before the block")
            try await system.expectDelivered("before the block", from: a, nick: "ann", to: [b, c])

            try b.post("/block --refuse ann")
            try await waitForLine(system, on: b, containing: "-- blocked ann (")
            let datagramsBefore = try await datagramCounts(a, b, c)
            try a.post("while blocked")
            // Others still flow through B, both ways.
            try c.post("cat is still heard")
            try await system.expectDelivered(
                "cat is still heard", from: c, nick: "cat", to: [b, a])
            try a.post("ann again, after cat")
            try await waitForLine(system, on: a, containing: "ann again, after cat")
            // B refuses ann's chain, so A pushes it to B by no session; what A posts reaches B
            // only as datagrams. Once B has read every datagram A and C sent since the block
            // (the only nodes on B's links), A's later posts had their chance to arrive, and
            // reached neither B's chat and log nor C, the only way to which is B.
            try await system.waitUntil(
                "B to read every datagram sent on its links", timeout: .seconds(30)
            ) {
                let now = try await datagramCounts(a, b, c)
                let sentByA = now.sentByA - datagramsBefore.sentByA
                let sent = sentByA + now.sentByC - datagramsBefore.sentByC
                // At least one datagram for each of A's two posts, all of them read by B.
                return sentByA >= 2 && now.receivedByB - datagramsBefore.receivedByB >= sent
            }
            for host in [b, c] {
                #expect(!host.chatLines.contains { $0.contains("while blocked") })
                let texts = try await host.log().texts
                #expect(!texts.contains("while blocked"), "\(host.name) holds no blocked entry")
                #expect(!texts.contains("ann again, after cat"))
            }

            try b.post("/unblock ann")
            try await waitForLine(system, on: b, containing: "-- unblocked ann (")
            try await system.waitForAgreement(
                [a, b, c], texts: ["while blocked", "ann again, after cat"])
            try await system.expectCleanStops([a, b, c])
            try await system.expectSoundLogs([a, b, c])
        }
    }
}
