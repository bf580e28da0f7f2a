import Foundation
import Glibc

extension Lab {
    /// Starts `executable` inside `host` on a pseudo-terminal of its own (a new session whose
    /// controlling terminal it is), like a person running it in a terminal window on that host.
    /// Standard error goes to a file in `logDirectory` (so log lines do not mix with the screen);
    /// `environment` is added to this process's environment.
    ///
    /// The process runs in the lab namespace, so `destroy()` kills it; its owner closes it
    /// (`TerminalProcess.close()`), which also reaps it and closes the terminal.
    func spawnOnTerminal(
        host: String,
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        size: TerminalWindowSize = .standard
    ) throws(LabError) -> TerminalProcess {
        guard let bash = LabEnvironment.bash else {
            throw .launchFailed(command: ["bash"], reason: "bash not found")
        }
        let name =
            "\(host)-terminal-\(UUID().uuidString.prefix(8))-"
            + URL(fileURLWithPath: executable).lastPathComponent
        let errorURL = logDirectory.appendingPathComponent("\(name).stderr")
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment["LAB_PREFIX"] = prefix
        fullEnvironment["LAB_DIR"] = directory.path
        if let python3 = LabEnvironment.python3 { fullEnvironment["LAB_PYTHON"] = python3.path }
        // The program learns its size from the terminal, not from the test runner's variables.
        fullEnvironment["COLUMNS"] = nil
        fullEnvironment["LINES"] = nil
        fullEnvironment.merge(environment) { _, added in added }
        return try TerminalProcess.start(
            executable: bash.path,
            arguments: [LabEnvironment.scriptURL.path, "exec", host, executable] + arguments,
            environment: fullEnvironment,
            size: size,
            standardError: errorURL.path,
            command: ["\(host):", executable] + arguments
        )
    }
}
