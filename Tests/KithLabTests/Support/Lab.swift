import Foundation
import Glibc
@_exported import KithTestSupport
import Testing

/// A network lab for one test: bridges and hosts in network namespaces, named with a prefix unique
/// to this lab, built and torn down by `tools/lab/lab.sh`.
///
/// ```swift
/// @Test(.enabled(if: Lab.isAvailable, Lab.skipMessage))
/// func peersMeet() async throws {
///     try await Lab.withLab { lab in
///         try await lab.addBridge("lan")
///         try await lab.addHost("a", bridge: "lan")
///         try await lab.addHost("b", bridge: "lan", ipv4: "10.77.1.9/24")
///         let kith = try KithBinary.locate()
///         let node = try lab.spawn(
///             host: "a", executable: kith.path, arguments: ["node", "--home", home])
///         try await waitUntil("a's node to start", timeout: .seconds(10)) {
///             node.standardOutput.contains("ready")
///         }
///     }
/// }
/// ```
///
/// Every lab is destroyed exactly once: by `withLab`, by an explicit `destroy()` (in a `defer`), or
/// at the latest when it is deallocated.
final class Lab: Sendable {
    /// True when this machine can run the lab (root, iproute2, bash, the lab script).
    static var isAvailable: Bool { LabEnvironment.unavailableReason == nil }

    /// The reason given for skipped lab tests.
    static let skipMessage: Comment =
        "needs root and iproute2: network namespaces (runs in CI as root)"

    /// Numbers the labs of this process.
    private static let counter = LockedValue(0)

    /// The per-lab prefix of every namespace name: "k<pid>x<number>".
    let prefix: String
    /// The lab's state directory (`LAB_DIR`); process output goes to its `logs` folder.
    let directory: URL
    /// Where process output goes.
    let logDirectory: URL

    private let scriptURL: URL
    private let runner: CommandRunner
    private let state = LockedValue(State())

    private struct State {
        var destroyed = false
        var processes: [LabProcess] = []
        var spawnCount = 0
    }

    /// Creates an empty lab with a fresh prefix. Leftover labs of test processes that died are
    /// swept away first.
    init() throws(LabError) {
        if let reason = LabEnvironment.unavailableReason {
            throw .unavailable(reason: reason)
        }
        let number = Self.counter.withLock { value -> Int in
            value += 1
            return value
        }
        prefix = "k\(getpid())x\(number)"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kith-lab-\(prefix)")
        logDirectory = directory.appendingPathComponent("logs")
        scriptURL = LabEnvironment.scriptURL
        do {
            try FileManager.default.createDirectory(
                at: logDirectory, withIntermediateDirectories: true)
        } catch {
            throw .fileError(path: logDirectory.path, reason: "\(error)")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LAB_PREFIX"] = prefix
        environment["LAB_DIR"] = directory.path
        if let python3 = LabEnvironment.python3 { environment["LAB_PYTHON"] = python3.path }
        runner = CommandRunner(environment: environment)
        Self.sweepOnce(runner)
    }

    /// Removes leftover labs of dead test processes, once per process.
    private static let swept = LockedValue(false)

    private static func sweepOnce(_ runner: CommandRunner) {
        let first = swept.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard first, let bash = LabEnvironment.bash else { return }
        _ = try? runner.runBlocking(bash, [LabEnvironment.scriptURL.path, "sweep"])
    }

    deinit {
        do {
            try destroy()
        } catch {
            FileHandle.standardError.write(Data("Lab \(prefix): cleanup failed: \(error)\n".utf8))
        }
    }

    /// Runs `body` with a new lab and destroys the lab afterwards, also when `body` throws.
    static func withLab<Result>(_ body: (Lab) async throws -> Result) async throws -> Result {
        let lab = try Lab()
        let result: Result
        do {
            result = try await body(lab)
        } catch {
            try? lab.destroy()
            throw error
        }
        try lab.destroy()
        return result
    }

    // MARK: Topology

    /// Adds a bridge (a switch): its own namespace holding a bridge device.
    func addBridge(_ name: String) async throws(LabError) {
        try Self.check(name)
        try await script(["create-bridge", name])
    }

    /// Adds a host: a namespace with `lo` up and, when `bridge` is given, a link to it (interface
    /// `Lab.interfaceName(bridge:)`, IPv6 link-local ready, IPv4 address as `ipv4` says).
    /// An `ipv6Only` host gets no IPv4 address on any link and drops every IPv4 packet.
    func addHost(
        _ name: String,
        bridge: String? = nil,
        ipv4: IPv4Assignment = .automatic,
        ipv6Only: Bool = false
    ) async throws(LabError) {
        try Self.check(name)
        var arguments = ["create-host", name]
        if let bridge {
            try Self.check(bridge)
            arguments.append(bridge)
            arguments += ipv4.scriptOptions
        }
        if ipv6Only { arguments.append("--ipv6-only") }
        try await script(arguments)
    }

    /// Links `host` to one more bridge (a host on two bridges joins two segments, but does not
    /// forward between them).
    func connect(_ host: String, to bridge: String, ipv4: IPv4Assignment = .automatic)
        async throws(LabError)
    {
        try Self.check(host)
        try Self.check(bridge)
        try await script(["connect", host, bridge] + ipv4.scriptOptions)
    }

    /// Cuts `host` off `bridge`: the switch port goes down and the host sees no carrier. With
    /// `hostSide` the host's own interface goes down instead (its sockets see the link vanish).
    func linkDown(host: String, bridge: String, hostSide: Bool = false) async throws(LabError) {
        try await script(["link-down", host, bridge] + (hostSide ? ["--host-side"] : []))
    }

    /// Undoes `linkDown`.
    func linkUp(host: String, bridge: String, hostSide: Bool = false) async throws(LabError) {
        try await script(["link-up", host, bridge] + (hostSide ? ["--host-side"] : []))
    }

    /// Makes `host` drop `percent` % of the packets it receives (0 removes the rule), on every lab
    /// link or only on the link to `bridge`.
    func setLoss(
        host: String, percent: Int, scope: PacketLossScope = .multicastUDP, bridge: String? = nil
    )
        async throws(LabError)
    {
        var arguments = ["loss", host, String(percent), scope.scriptOption]
        if let bridge { arguments += ["--bridge", bridge] }
        try await script(arguments)
    }

    // MARK: Queries

    /// The name of the interface every host has on `bridge`: "e-<bridge>".
    static func interfaceName(bridge: String) -> String { "e-\(bridge)" }

    /// The network namespace of `host`, e.g. for `ip netns exec`.
    func namespace(host: String) -> String { "\(prefix)-h-\(host)" }

    /// The IPv4 address (without prefix length) of `host` on `bridge`.
    func ipv4Address(host: String, bridge: String) async throws(LabError) -> String {
        try await script(["addr", host, bridge, "-4"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The IPv6 link-local address of `host` on `bridge`; `scoped` appends "%e-<bridge>", which is
    /// how every other host on that bridge addresses it.
    func linkLocalAddress(host: String, bridge: String, scoped: Bool = true) async throws(LabError)
        -> String
    {
        let address = try await script(["addr", host, bridge, "-6"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        return scoped ? "\(address)%\(Self.interfaceName(bridge: bridge))" : address
    }

    /// The lab's topology and addresses, as `lab.sh list` prints them.
    func list() async throws(LabError) -> String {
        try await script(["list"])
    }

    /// Namespaces of this lab that exist right now, from `ip netns list`.
    func namespaces() async throws(LabError) -> [String] {
        guard let ip = LabEnvironment.executable(named: "ip") else {
            throw .launchFailed(command: ["ip"], reason: "ip not found")
        }
        let output = try await runner.run(ip, ["netns", "list"]).checkedOutput()
        return output.split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix("\(prefix)-") }
    }

    // MARK: Commands and processes

    /// Runs `command` inside `host` to completion and returns its result, whatever its status.
    func execute(host: String, _ command: [String]) async throws(LabError) -> LabCommandResult {
        try checkAlive()
        return try await runner.run(try bash(), [scriptURL.path, "exec", host] + command)
    }

    /// Runs `command` inside `host` and returns its standard output; throws when it fails.
    @discardableResult
    func run(host: String, _ command: [String]) async throws(LabError) -> String {
        try await execute(host: host, command).checkedOutput()
    }

    /// Sends one ICMP echo from `host` to `address` (a link-local address needs its "%e-<bridge>"
    /// scope) and tells whether a reply came within `timeoutSeconds`.
    func ping(from host: String, to address: String, timeoutSeconds: Int = 2) async throws(LabError)
        -> Bool
    {
        try checkAlive()
        let result = try await runner.run(
            try bash(),
            [scriptURL.path, "ping", host, address, "--timeout", String(timeoutSeconds)]
        )
        return result.succeeded
    }

    /// Starts `executable` (a path, or a name looked up in PATH) inside `host`. Its output goes to
    /// files in `logDirectory`; `environment` is added to this process's environment.
    func spawn(
        host: String,
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:]
    ) throws(LabError) -> LabProcess {
        try checkAlive()
        let number = state.withLock { value -> Int in
            value.spawnCount += 1
            return value.spawnCount
        }
        let name = "\(host)-\(number)-\(URL(fileURLWithPath: executable).lastPathComponent)"
        let outputURL = logDirectory.appendingPathComponent("\(name).stdout")
        let errorURL = logDirectory.appendingPathComponent("\(name).stderr")
        let command = [executable] + arguments
        let spawner = CommandRunner(
            environment: runner.environment.merging(environment) { _, added in added })
        let child = try spawner.spawn(
            try bash(),
            [scriptURL.path, "exec", host] + command,
            standardOutput: outputURL,
            standardError: errorURL
        )
        let labProcess = LabProcess(
            child: child,
            host: host,
            command: command,
            standardOutputURL: outputURL,
            standardErrorURL: errorURL
        )
        state.withLock { $0.processes.append(labProcess) }
        return labProcess
    }

    /// Sends `signal` to `process` (`SIGTERM` by default; `SIGKILL` for a crash).
    func kill(_ process: LabProcess, signal: Int32 = SIGTERM) throws(LabError) {
        try process.send(signal)
    }

    // MARK: Cleanup

    /// Kills every process in the lab's namespaces and deletes the namespaces and the state
    /// directory. Safe to call more than once. Synchronous (it blocks for the fraction of a
    /// second `lab.sh destroy` takes), so that it can run in a `defer`. With KITH_LAB_KEEP_LOGS
    /// set, process output is kept in "<directory>-logs".
    func destroy() throws(LabError) {
        let alreadyDestroyed = state.withLock { value -> Bool in
            defer { value.destroyed = true }
            return value.destroyed
        }
        if alreadyDestroyed { return }
        if ProcessInfo.processInfo.environment["KITH_LAB_KEEP_LOGS"] != nil {
            let kept = URL(fileURLWithPath: directory.path + "-logs")
            try? FileManager.default.moveItem(at: logDirectory, to: kept)
        }
        let result = try runner.runBlocking(try bash(), [scriptURL.path, "destroy"])
        // Our own children are killed and reaped directly too: one caught before it entered its
        // namespace would escape `lab.sh destroy`, and reaping leaves no zombie behind.
        for process in state.withLock({ $0.processes }) {
            try? process.send(SIGKILL)
            _ = try? process.waitBlocking()
        }
        _ = try result.checkedOutput()
    }

    // MARK: Private

    @discardableResult
    private func script(_ arguments: [String]) async throws(LabError) -> String {
        try checkAlive()
        return try await runner.run(try bash(), [scriptURL.path] + arguments).checkedOutput()
    }

    private func bash() throws(LabError) -> URL {
        guard let bash = LabEnvironment.bash else {
            throw .launchFailed(command: ["bash"], reason: "bash not found")
        }
        return bash
    }

    private func checkAlive() throws(LabError) {
        if state.withLock({ $0.destroyed }) { throw .alreadyDestroyed(prefix: prefix) }
    }

    private static func check(_ name: String) throws(LabError) {
        let characters = Array(name.utf8)
        guard let first = characters.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            characters.count <= 12,
            characters.allSatisfy({
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            })
        else { throw .invalidName(name) }
    }
}
