import Foundation
import Glibc

/// How a process of the lab ended.
enum LabProcessTermination: Sendable, Equatable, CustomStringConvertible {
    /// It exited by itself with this status.
    case exited(Int32)
    /// This signal ended it.
    case signaled(Int32)

    var description: String {
        switch self {
        case .exited(let status): return "exited with status \(status)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// A program running inside a lab host's network namespace, started by `Lab.spawn`. Its standard
/// output and standard error go to files, readable at any time while it runs. It starts with no
/// signal blocked, so SIGTERM and SIGINT reach it.
final class LabProcess: Sendable, CustomStringConvertible {
    private let child: ChildProcess

    /// The lab host the process runs on.
    let host: String
    /// The program and its arguments.
    let command: [String]
    /// The file receiving standard output.
    let standardOutputURL: URL
    /// The file receiving standard error.
    let standardErrorURL: URL

    init(
        child: ChildProcess, host: String, command: [String], standardOutputURL: URL,
        standardErrorURL: URL
    ) {
        self.child = child
        self.host = host
        self.command = command
        self.standardOutputURL = standardOutputURL
        self.standardErrorURL = standardErrorURL
    }

    /// The process id: the program's own (`lab.sh exec` replaces itself with the program).
    var pid: pid_t { child.pid }

    /// Everything written to standard output so far.
    var standardOutput: String { CommandRunner.readText(standardOutputURL) }

    /// Everything written to standard error so far.
    var standardError: String { CommandRunner.readText(standardErrorURL) }

    /// True while the process has not ended.
    var isRunning: Bool { child.isRunning }

    /// How the process ended, or nil while it runs.
    var termination: LabProcessTermination? { child.termination }

    /// Sends `signal` (e.g. `SIGTERM`, `SIGKILL`). Sending to a process that already ended is not
    /// an error.
    func send(_ signal: Int32) throws(LabError) {
        try child.send(signal)
    }

    /// Blocks until the process ends; for cleanup paths that cannot await.
    func waitBlocking() throws(LabError) -> LabProcessTermination {
        try child.waitBlocking()
    }

    /// Waits until the process ends and tells how, or throws `LabError.timedOut`.
    @discardableResult
    func wait(timeout: Duration) async throws -> LabProcessTermination {
        try await waitFor("\(self) to end", timeout: timeout, poll: .milliseconds(20)) {
            termination
        }
    }

    var description: String { "process \(pid) on \(host) (\(command.joined(separator: " ")))" }
}
