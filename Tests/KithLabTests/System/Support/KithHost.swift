import Foundation
import Glibc

/// A Kith node on one lab host: its home directory, the `kith chat` or `kith node` process running
/// in the host's namespace (restartable with the same home), and what the node wrote: its chat
/// lines, its log events and its entry log (`kith-log dump --json`, readable while it runs).
final class KithHost: Sendable, CustomStringConvertible {
    /// The lab host the node runs on.
    let name: String
    /// The node's home directory.
    let home: URL
    /// The bridges the host is linked to; the node uses exactly these interfaces.
    let bridges: [String]
    private let lab: Lab
    private let runs = LockedValue<[Run]>([])

    private struct Run {
        let process: LabProcess
        let input: ProcessInput?
    }

    /// A node for the lab host `name`, linked to `bridges`, keeping its data in `home`.
    init(lab: Lab, name: String, bridges: [String], home: URL) {
        self.lab = lab
        self.name = name
        self.bridges = bridges
        self.home = home
    }

    var description: String { "node on \(name)" }

    /// `--interface e-<bridge>` for each of the host's links: a lab namespace has no default
    /// route, and the node must not wander onto other interfaces.
    var interfaceArguments: [String] {
        bridges.flatMap { ["--interface", Lab.interfaceName(bridge: $0)] }
    }

    // MARK: Preparing the home

    /// Runs `kith ARGUMENTS --home HOME` to completion (no node may be running) and returns its
    /// standard output; throws when it fails.
    @discardableResult
    func kith(_ arguments: [String]) async throws(LabError) -> String {
        try await KithTools.runKith(arguments + ["--home", home.path]).checkedOutput()
    }

    /// Sets the display name (`kith nick`), creating the identity if needed.
    func setNick(_ nick: String) async throws(LabError) {
        try await kith(["nick", nick])
    }

    // MARK: Running

    /// Starts `kith chat` on the host: each line given to ``post(_:)`` is posted to `channel`,
    /// every post is printed as a chat line.
    func startChat(channel: String = "general", verbose: Bool = true, extra: [String] = [])
        throws(LabError)
    {
        let arguments =
            ["chat", "--home", home.path, "--channel", channel] + interfaceArguments
            + (verbose ? ["--verbose"] : []) + extra
        let (process, input) = try lab.spawnWithInput(
            host: name, executable: try KithTools.kith().path, arguments: arguments)
        runs.withLock { $0.append(Run(process: process, input: input)) }
    }

    /// Starts `kith node` on the host, with `environment` added to the environment of the node
    /// alone. `env` sets it inside the namespace for a shell that only `exec`s the node, so the
    /// lab's own commands on the way (lab.sh, `ip`, `id`) never see it: an `LD_PRELOAD` of
    /// libfaketime in lab.sh made its commands fail now and then (a forked subshell of lab.sh
    /// removed, as it exited, the semaphore libfaketime shares with children, and the next
    /// child could not open it), while in a process started without that shell libfaketime
    /// leaves the node no arguments.
    func startNode(verbose: Bool = true, extra: [String] = [], environment: [String: String] = [:])
        throws(LabError)
    {
        let arguments =
            ["node", "--home", home.path] + interfaceArguments + (verbose ? ["--verbose"] : [])
            + extra
        let kith = try KithTools.kith().path
        let settings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let process = try lab.spawn(
            host: name, executable: environment.isEmpty ? kith : "/usr/bin/env",
            arguments: environment.isEmpty
                ? arguments : settings + ["/bin/sh", "-c", #"exec "$0" "$@""#, kith] + arguments)
        runs.withLock { $0.append(Run(process: process, input: nil)) }
    }

    /// The process of the latest start, if any.
    var process: LabProcess? { runs.withLock { $0.last?.process } }

    /// True while the latest process runs.
    var isRunning: Bool { process?.isRunning ?? false }

    /// Posts `text` through the running chat's standard input.
    func post(_ text: String) throws(LabError) {
        guard let input = runs.withLock({ $0.last?.input }) else {
            throw .launchFailed(command: ["kith", "chat"], reason: "\(self) runs no chat")
        }
        try input.writeLine(text)
    }

    /// Closes the running chat's standard input: `kith chat` stops at end of input.
    func endInput() {
        runs.withLock { $0.last?.input }?.close()
    }

    /// Stops the running node with SIGTERM and waits until it ends.
    @discardableResult
    func stop(timeout: Duration = .seconds(20)) async throws -> LabProcessTermination {
        guard let process else { throw LabError.launchFailed(command: [], reason: "not started") }
        try process.send(SIGTERM)
        return try await process.wait(timeout: timeout)
    }

    /// Kills the running node with SIGKILL (a crash: nothing is flushed or closed cleanly) and
    /// waits until it is gone.
    @discardableResult
    func crash(timeout: Duration = .seconds(20)) async throws -> LabProcessTermination {
        guard let process else { throw LabError.launchFailed(command: [], reason: "not started") }
        try process.send(SIGKILL)
        return try await process.wait(timeout: timeout)
    }

    /// Kills and reaps every process this host started and closes their inputs. Blocking; for
    /// cleanup.
    func killAll() {
        for run in runs.withLock({ $0 }) {
            run.input?.close()
            try? run.process.send(SIGKILL)
            _ = try? run.process.waitBlocking()
        }
    }

    // MARK: What the node wrote

    /// Every chat line printed so far, over all runs.
    var chatLines: [String] {
        runs.withLock { $0 }.flatMap { run in
            run.process.standardOutput.split(separator: "\n").map(String.init)
        }
    }

    /// The chat line showing the post `text`, if one was printed.
    func chatLine(showing text: String) -> String? {
        chatLines.first { $0.hasSuffix("): \(text)") }
    }

    /// Everything written to standard error, over all runs.
    var events: String {
        runs.withLock { $0 }.map(\.process.standardError).joined(separator: "\n")
    }

    /// The tail of the node's event log, for failure messages.
    func diagnostics(lines: Int = 30) -> String {
        let tail = events.split(separator: "\n").suffix(lines).joined(separator: "\n    ")
        let state = process.map { $0.termination.map(\.description) ?? "running" } ?? "not started"
        return "\(self) (\(state)):\n    \(tail)"
    }

    /// The node's log as `kith-log dump --json` reads it (without the writer's lock).
    func log() async throws -> LogContents {
        let output = try await KithTools.runKithLog(["dump", "--json", "--home", home.path])
            .checkedOutput()
        return LogContents(records: try LoggedEntry.parse(dump: output))
    }

    /// The node's log, or nil when `kith-log dump` could not read it this time (for polling a log
    /// that a running node is writing).
    func logIfReadable() async -> LogContents? {
        try? await log()
    }

    /// `kith-log verify --strict` on the node's log: it fails on any damage, and also on a fork
    /// or a partial record at the end.
    func verifyLog() async throws(LabError) -> LabCommandResult {
        try await KithTools.runKithLog(["verify", "--strict", "--home", home.path])
    }

    /// What the running node says of itself (`kith status --json`), or nil when no node answers.
    func status() async throws -> NodeStatusSnapshot? {
        let result = try await KithTools.runKith(["status", "--json", "--home", home.path])
        guard result.succeeded else { return nil }
        return try NodeStatusSnapshot.parse(result.standardOutput)
    }

    /// The peers the running node lists (`kith peers --json`), one JSON object per line.
    func peerLines() async throws(LabError) -> [String] {
        try await KithTools.runKith(["peers", "--json", "--home", home.path]).checkedOutput()
            .split(separator: "\n").map(String.init)
    }

    /// The node's public key in hex, from its identity (the node must be running).
    func publicKey() async throws -> String {
        guard let status = try await status() else {
            throw LabError.launchFailed(command: ["kith", "status"], reason: "\(self) not running")
        }
        return status.publicKey
    }
}
