import Foundation
import Glibc
import Testing

/// Tests of the network lab itself (not of kith): reachability, topology, partitions, loss,
/// processes and cleanup.
@Suite(
    "Network lab",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: Lab.canRunProbes, "the lab probes need python3")
)
struct LabSelfTests {
    @Test("two hosts on a bridge reach each other by IPv4 and IPv6 link-local")
    func twoHostsOnABridgeReachEachOther() async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("lan")
            try await lab.addHost("a", bridge: "lan", ipv4: "10.1.0.1/24")
            try await lab.addHost("b", bridge: "lan", ipv4: "10.1.0.2/24")

            #expect(try await lab.ipv4Address(host: "b", bridge: "lan") == "10.1.0.2")
            #expect(try await lab.ping(from: "a", to: "10.1.0.2"))
            #expect(
                try await lab.ping(
                    from: "b", to: try await lab.ipv4Address(host: "a", bridge: "lan")))
            #expect(
                try await lab.ping(
                    from: "a", to: try await lab.linkLocalAddress(host: "b", bridge: "lan")))
            #expect(
                try await lab.ping(
                    from: "b", to: try await lab.linkLocalAddress(host: "a", bridge: "lan")))
            #expect(try await lab.ping(from: "a", to: "10.1.0.99", timeoutSeconds: 1) == false)
        }
    }

    @Test("on a line A-B-C, B reaches both ends and A cannot reach C")
    func lineKeepsTheEndsApart() async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("one")
            try await lab.addBridge("two")
            try await lab.addHost("a", bridge: "one", ipv4: "10.1.0.1/24")
            try await lab.addHost("b", bridge: "one", ipv4: "10.1.0.2/24")
            try await lab.connect("b", to: "two", ipv4: .none)
            // C sits in A's subnet, but on the other segment.
            try await lab.addHost("c", bridge: "two", ipv4: "10.1.0.3/24")

            #expect(try await lab.ping(from: "b", to: "10.1.0.1"))
            #expect(
                try await lab.ping(
                    from: "b", to: try await lab.linkLocalAddress(host: "a", bridge: "one")))
            #expect(
                try await lab.ping(
                    from: "b", to: try await lab.linkLocalAddress(host: "c", bridge: "two")))

            #expect(try await lab.ping(from: "a", to: "10.1.0.3", timeoutSeconds: 1) == false)
            #expect(try await lab.ping(from: "c", to: "10.1.0.1", timeoutSeconds: 1) == false)
            let cAsSeenFromOne =
                try await lab.linkLocalAddress(host: "c", bridge: "two", scoped: false) + "%"
                + Lab.interfaceName(bridge: "one")
            #expect(try await lab.ping(from: "a", to: cAsSeenFromOne, timeoutSeconds: 1) == false)
        }
    }

    @Test("multicast crosses one bridge but not two", arguments: ["239.77.0.1", "ff02::4b:1"])
    func multicastStaysOnItsSegment(group: String) async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("one")
            try await lab.addBridge("two")
            try await lab.addHost("a", bridge: "one")
            try await lab.addHost("b", bridge: "one")
            try await lab.connect("b", to: "two")
            try await lab.addHost("c", bridge: "two")
            let port = 47_000
            let nearReceiver = try await lab.startMulticastReceiver(
                host: "b", bridge: "one", group: group, port: port, count: 3)
            let farReceiver = try await lab.startMulticastReceiver(
                host: "c", bridge: "two", group: group, port: port, count: 1)

            try await lab.sendMulticast(
                host: "a", bridge: "one", group: group, port: port, count: 3, message: "from-a")
            #expect(try await nearReceiver.wait(timeout: .seconds(20)) == .exited(0))
            #expect(Lab.payloads(of: nearReceiver) == ["from-a 0", "from-a 1", "from-a 2"])

            // C's first datagram is B's, sent after A's: A's never reached C's segment.
            try await lab.sendMulticast(
                host: "b", bridge: "two", group: group, port: port, count: 1, message: "from-b")
            #expect(try await farReceiver.wait(timeout: .seconds(20)) == .exited(0))
            #expect(Lab.payloads(of: farReceiver) == ["from-b 0"])
        }
    }

    @Test("a link going down partitions a host and going up heals it", arguments: [false, true])
    func partitionAndHeal(hostSide: Bool) async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("lan")
            try await lab.addHost("a", bridge: "lan")
            try await lab.addHost("b", bridge: "lan")
            let a4 = try await lab.ipv4Address(host: "a", bridge: "lan")
            let a6 = try await lab.linkLocalAddress(host: "a", bridge: "lan")
            let b4 = try await lab.ipv4Address(host: "b", bridge: "lan")
            #expect(try await lab.ping(from: "b", to: a4))

            try await lab.linkDown(host: "a", bridge: "lan", hostSide: hostSide)
            #expect(try await lab.ping(from: "b", to: a4, timeoutSeconds: 1) == false)
            #expect(try await lab.ping(from: "b", to: a6, timeoutSeconds: 1) == false)
            #expect(try await lab.ping(from: "a", to: b4, timeoutSeconds: 1) == false)

            // Neighbour caches need a retransmission or two after the heal: wait, with a deadline.
            try await lab.linkUp(host: "a", bridge: "lan", hostSide: hostSide)
            let healedA6 = try await lab.linkLocalAddress(host: "a", bridge: "lan")
            #expect(healedA6 == a6)
            for (from, to) in [("b", a4), ("b", healedA6), ("a", b4)] {
                try await waitUntil("\(from) to reach \(to) again", timeout: .seconds(15)) {
                    try await lab.ping(from: from, to: to, timeoutSeconds: 1)
                }
            }
        }
    }

    @Test("loss rules drop what they name and can be lifted")
    func lossRules() async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("lan")
            try await lab.addHost("a", bridge: "lan")
            try await lab.addHost("b", bridge: "lan")
            let b4 = try await lab.ipv4Address(host: "b", bridge: "lan")
            let group = "239.77.0.2"
            let port = 47_001
            let receiver = try await lab.startMulticastReceiver(
                host: "b", bridge: "lan", group: group, port: port, count: 1)

            try await lab.setLoss(host: "b", percent: 100, scope: .multicastUDP)
            try await lab.sendMulticast(
                host: "a", bridge: "lan", group: group, port: port, count: 5, message: "lost")
            #expect(try await lab.ping(from: "a", to: b4), "multicast loss leaves unicast alone")

            try await lab.setLoss(host: "b", percent: 0)
            try await lab.sendMulticast(
                host: "a", bridge: "lan", group: group, port: port, count: 1, message: "kept")
            #expect(try await receiver.wait(timeout: .seconds(20)) == .exited(0))
            #expect(Lab.payloads(of: receiver) == ["kept 0"])

            try await lab.setLoss(host: "b", percent: 100, scope: .all)
            #expect(try await lab.ping(from: "a", to: b4, timeoutSeconds: 1) == false)
            try await lab.setLoss(host: "b", percent: 0, scope: .all)
            #expect(try await lab.ping(from: "a", to: b4))
        }
    }

    @Test("an IPv6-only host has no IPv4 but reaches its neighbours over IPv6")
    func ipv6OnlyHost() async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("lan")
            try await lab.addHost("a", bridge: "lan")
            try await lab.addHost("six", bridge: "lan", ipv6Only: true)
            #expect(try await lab.ipv4Address(host: "six", bridge: "lan").isEmpty)
            #expect(
                try await lab.ping(
                    from: "six", to: try await lab.ipv4Address(host: "a", bridge: "lan"),
                    timeoutSeconds: 1)
                    == false)
            #expect(
                try await lab.ping(
                    from: "six", to: try await lab.linkLocalAddress(host: "a", bridge: "lan")))
            #expect(
                try await lab.ping(
                    from: "a", to: try await lab.linkLocalAddress(host: "six", bridge: "lan")))
        }
    }

    @Test("TCP connects across the bridge", arguments: [false, true])
    func tcpAcrossTheBridge(overLinkLocal: Bool) async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("lan")
            try await lab.addHost("a", bridge: "lan")
            try await lab.addHost("b", bridge: "lan")
            let listener = try lab.spawnProbe(
                host: "b", ["tcp-listen", "47002", "--timeout", "20"])
            try await waitUntil("the listener to listen", timeout: .seconds(10)) {
                listener.standardOutput.contains("listening") || !listener.isRunning
            }
            let address =
                overLinkLocal
                ? try await lab.linkLocalAddress(host: "b", bridge: "lan")
                : try await lab.ipv4Address(host: "b", bridge: "lan")
            let reply = try await lab.runProbe(host: "a", ["tcp-connect", address, "47002"])
                .checkedOutput()
            #expect(reply.contains("hello from tcp-listen"))
            #expect(try await listener.wait(timeout: .seconds(20)) == .exited(0))
        }
    }

    @Test("spawned processes run inside their host, show their output and end on signals")
    func spawnedProcesses() async throws {
        try await Lab.withLab { lab in
            try await lab.addBridge("lan")
            try await lab.addHost("a", bridge: "lan")
            let talker = try lab.spawn(
                host: "a",
                executable: "/bin/sh",
                arguments: [
                    "-c", "echo \"started $KITH_LAB_TEST\"; echo oops >&2; exec sleep 600",
                ],
                environment: ["KITH_LAB_TEST": "here"]
            )
            try await waitUntil("the talker's output", timeout: .seconds(10)) {
                talker.standardOutput.contains("started here")
                    && talker.standardError.contains("oops")
            }
            #expect(talker.isRunning)
            #expect(
                try Self.networkNamespace(of: talker.pid)
                    == Self.networkNamespace(named: lab.namespace(host: "a")))
            #expect(
                try Self.commandName(of: talker.pid) == "sleep",
                "the pid is the program's, not a wrapper's"
            )
            try lab.kill(talker, signal: SIGTERM)
            #expect(try await talker.wait(timeout: .seconds(10)) == .signaled(SIGTERM))

            let sleeper = try lab.spawn(host: "a", executable: "sleep", arguments: ["600"])
            try lab.kill(sleeper, signal: SIGKILL)
            #expect(try await sleeper.wait(timeout: .seconds(10)) == .signaled(SIGKILL))
            try lab.kill(sleeper, signal: SIGKILL)  // already gone: not an error

            let quitter = try lab.spawn(
                host: "a", executable: "/bin/sh", arguments: ["-c", "exit 3"])
            #expect(try await quitter.wait(timeout: .seconds(10)) == .exited(3))
            #expect(try await lab.run(host: "a", ["/bin/sh", "-c", "echo out"]) == "out\n")
            await #expect(throws: LabError.self) {
                try await lab.run(host: "a", ["/bin/sh", "-c", "exit 1"])
            }
        }
    }

    @Test("destroy kills the lab's processes and removes every namespace, and can be repeated")
    func destroyRemovesEverything() async throws {
        let lab = try Lab()
        defer { try? lab.destroy() }
        try await lab.addBridge("one")
        try await lab.addBridge("two")
        try await lab.addHost("a", bridge: "one")
        try await lab.addHost("b", bridge: "one")
        try await lab.connect("b", to: "two")
        try await lab.addHost("c")
        let sleeper = try lab.spawn(host: "b", executable: "sleep", arguments: ["600"])
        #expect(Set(try await lab.namespaces()).count == 5)

        try lab.destroy()
        #expect(try await lab.namespaces().isEmpty)
        #expect(try await sleeper.wait(timeout: .seconds(10)) == .signaled(SIGKILL))
        #expect(FileManager.default.fileExists(atPath: lab.directory.path) == false)
        try lab.destroy()
        await #expect(throws: LabError.self) { try await lab.addHost("d") }
    }

    // MARK: Helpers

    /// The network namespace `/proc/PID/ns/net` points to, as (device, inode).
    private static func networkNamespace(of pid: pid_t) throws -> [UInt64] {
        try fileIdentity("/proc/\(pid)/ns/net")
    }

    /// The network namespace a name in /run/netns stands for, as (device, inode).
    private static func networkNamespace(named name: String) throws -> [UInt64] {
        try fileIdentity("/run/netns/\(name)")
    }

    private static func fileIdentity(_ path: String) throws -> [UInt64] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw LabError.systemCall(name: "stat \(path)", errno: errno)
        }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }

    private static func commandName(of pid: pid_t) throws -> String {
        try String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }
}
