import Foundation
import Glibc
import Testing

/// A lab for one system test: the network lab, a scratch directory holding the nodes' homes, and
/// the nodes themselves. ``run(_:)`` builds it and, whatever happens, kills the nodes, deletes
/// the namespaces and removes the scratch directory.
final class SystemLab: Sendable {
    /// The network lab.
    let lab: Lab
    /// The directory holding this test's homes.
    let scratch: URL
    private let hosts = LockedValue<[KithHost]>([])

    /// The reason given when system tests are skipped because the executables are missing.
    static let notBuiltMessage: Comment = "needs the kith and kith-log executables built"

    /// Numbers the scratch directories of this process.
    private static let counter = LockedValue(0)

    private init(lab: Lab) throws {
        self.lab = lab
        let number = Self.counter.withLock { value -> Int in
            value += 1
            return value
        }
        // Short, so that "<home>/control.sock" stays within a Unix socket path's 107 bytes.
        var base = FileManager.default.temporaryDirectory
        if base.path.utf8.count > 40 { base = URL(fileURLWithPath: "/tmp") }
        scratch = base.appendingPathComponent("kith-sys-\(getpid())-\(number)")
        try FileManager.default.createDirectory(
            at: scratch, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
    }

    /// Runs `body` with a fresh lab, then tears everything down, also when `body` throws.
    static func run(_ body: (SystemLab) async throws -> Void) async throws {
        try await Lab.withLab { lab in
            let system = try SystemLab(lab: lab)
            defer { system.cleanUp() }
            try await body(system)
        }
    }

    // MARK: Hosts

    /// Adds a lab host linked to each of `bridges` (which must exist) and returns its node, not
    /// started yet. Its home is `<scratch>/<name>`.
    func addHost(_ name: String, bridges: [String], ipv6Only: Bool = false) async throws
        -> KithHost
    {
        guard let first = bridges.first else { throw LabError.invalidName("\(name): no bridge") }
        try await lab.addHost(name, bridge: first, ipv6Only: ipv6Only)
        for bridge in bridges.dropFirst() {
            try await lab.connect(name, to: bridge, ipv4: ipv6Only ? .none : .automatic)
        }
        return node(on: name, bridges: bridges)
    }

    /// A node on the existing lab host `name` (a second home on one host is possible with
    /// `homeName`).
    func node(on name: String, bridges: [String], homeName: String? = nil) -> KithHost {
        let host = KithHost(
            lab: lab, name: name, bridges: bridges,
            home: scratch.appendingPathComponent(homeName ?? name))
        hosts.withLock { $0.append(host) }
        return host
    }

    /// Every node made so far.
    var nodes: [KithHost] { hosts.withLock { $0 } }

    // MARK: Waiting

    /// Polls `condition` until it is true, or fails after `timeout` with the nodes' recent events
    /// in the error, so a failure shows what the nodes were doing.
    func waitUntil(
        _ description: @autoclosure () -> String,
        timeout: Duration,
        poll: Duration = .milliseconds(250),
        condition: () async throws -> Bool
    ) async throws {
        do {
            try await KithTestSupport.waitUntil(
                description(), timeout: timeout, poll: poll, condition: condition)
        } catch let error as TimedOut {
            throw SystemTestFailure(
                summary: "\(error)", details: nodes.map { $0.diagnostics() })
        }
    }

    /// Waits until every node in `nodes` has a session with each of the others.
    func waitForFullMesh(_ nodes: [KithHost], timeout: Duration = .seconds(60)) async throws {
        try await waitUntil("sessions between every pair of \(nodes)", timeout: timeout) {
            var keys: [String] = []
            var established: [Set<String>] = []
            for node in nodes {
                guard let status = try await node.status() else { return false }
                keys.append(status.publicKey)
                established.append(Set(status.establishedPeers.map(\.publicKey)))
            }
            return zip(keys, established).allSatisfy { key, peers in
                Set(keys).subtracting([key]).isSubset(of: peers)
            }
        }
    }

    /// Waits until each node has exactly the given number of established sessions, each with a
    /// different peer (no duplicate session survives between two nodes).
    func waitForSessionCounts(_ expected: [(KithHost, Int)], timeout: Duration = .seconds(60))
        async throws
    {
        let wanted = expected.map { "\($0.0.name): \($0.1)" }.joined(separator: ", ")
        try await waitUntil("exactly these sessions: \(wanted)", timeout: timeout) {
            for (node, count) in expected {
                guard let status = try await node.status() else { return false }
                let peers = status.establishedPeers.map(\.publicKey)
                guard status.sessionCount == count, peers.count == count,
                    Set(peers).count == count
                else { return false }
            }
            return true
        }
    }

    /// Waits until the logs of `nodes` hold the same set of entries and, together, every text in
    /// `texts`; returns the logs.
    @discardableResult
    func waitForAgreement(
        _ nodes: [KithHost], texts: [String], timeout: Duration = .seconds(60)
    ) async throws -> [LogContents] {
        var logs: [LogContents] = []
        try await waitUntil(
            "the logs of \(nodes) to agree on \(texts)", timeout: timeout, poll: .seconds(1)
        ) {
            logs = []
            for node in nodes {
                guard let log = await node.logIfReadable() else { return false }
                logs.append(log)
            }
            guard let first = logs.first?.idSet else { return true }
            let allTexts = Set(logs.flatMap(\.texts))
            return logs.allSatisfy { $0.idSet == first } && allTexts.isSuperset(of: texts)
        }
        return logs
    }

    // MARK: Cleanup

    private func cleanUp() {
        for host in nodes { host.killAll() }
        try? FileManager.default.removeItem(at: scratch)
    }
}

/// A system test's condition that did not come true, with what the nodes were doing.
struct SystemTestFailure: Error, CustomStringConvertible {
    /// What was awaited and for how long.
    var summary: String
    /// One block per node: its state and recent events.
    var details: [String]

    var description: String {
        ([summary] + details).joined(separator: "\n")
    }
}
