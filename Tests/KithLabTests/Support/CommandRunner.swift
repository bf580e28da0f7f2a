import Foundation
import Glibc

/// Runs programs to completion with their output captured in temporary files (never pipes, so a
/// chatty command cannot fill a pipe and stall).
struct CommandRunner: Sendable {
    /// The complete environment of every command run.
    var environment: [String: String]

    /// Runs `executable` with `arguments` and returns what it printed, suspending (not blocking a
    /// thread) while it runs.
    func run(_ executable: URL, _ arguments: [String]) async throws(LabError) -> LabCommandResult {
        let files = OutputFiles()
        defer { files.remove() }
        let child = try start(executable, arguments, files)
        let termination: LabProcessTermination
        do {
            termination = try await child.wait()
        } catch {
            _ = try? child.send(SIGKILL)
            _ = try? child.waitBlocking()
            throw .cancelled(command: [executable.path] + arguments)
        }
        return files.result(command: [executable.path] + arguments, termination: termination)
    }

    /// Runs `executable` with `arguments` and returns what it printed, blocking the calling thread
    /// while it runs. Only for cleanup, where no `await` is possible (`defer`, `deinit`).
    func runBlocking(_ executable: URL, _ arguments: [String]) throws(LabError) -> LabCommandResult
    {
        let files = OutputFiles()
        defer { files.remove() }
        let child = try start(executable, arguments, files)
        let termination = try child.waitBlocking()
        return files.result(command: [executable.path] + arguments, termination: termination)
    }

    /// Starts `executable` with its output going to `standardOutput` and `standardError`.
    func spawn(_ executable: URL, _ arguments: [String], standardOutput: URL, standardError: URL)
        throws(LabError) -> ChildProcess
    {
        let pid = try PosixProcess.spawn(
            executable: executable.path,
            arguments: arguments,
            environment: environment,
            standardOutput: standardOutput.path,
            standardError: standardError.path
        )
        return ChildProcess(pid: pid)
    }

    /// The text of a file, or "" when it does not exist (yet).
    static func readText(_ url: URL) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    private func start(_ executable: URL, _ arguments: [String], _ files: OutputFiles)
        throws(LabError)
        -> ChildProcess
    {
        try spawn(executable, arguments, standardOutput: files.output, standardError: files.error)
    }
}

/// A pair of temporary files receiving one command's output.
private struct OutputFiles {
    let output: URL
    let error: URL

    /// One directory per test process ("kith-lab-k<pid>-runs"), so `lab.sh sweep` can remove what a
    /// crashed run left behind.
    static let directory: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kith-lab-k\(getpid())-runs")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()

    init() {
        let token = UUID().uuidString
        output = Self.directory.appendingPathComponent("\(token).out")
        error = Self.directory.appendingPathComponent("\(token).err")
    }

    func result(command: [String], termination: LabProcessTermination) -> LabCommandResult {
        let (status, signaled): (Int32, Bool)
        switch termination {
        case .exited(let code): (status, signaled) = (code, false)
        case .signaled(let signal): (status, signaled) = (signal, true)
        }
        return LabCommandResult(
            command: command,
            status: status,
            wasSignaled: signaled,
            standardOutput: CommandRunner.readText(output),
            standardError: CommandRunner.readText(error)
        )
    }

    func remove() {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: error)
    }
}
