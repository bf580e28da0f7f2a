import Foundation
import Glibc

extension Lab {
    /// Starts `executable` inside `host` like `spawn(host:executable:arguments:environment:)`, with
    /// its standard input connected to the returned `ProcessInput` (for `kith chat`, which posts
    /// each line it reads and stops at end of input).
    ///
    /// The process is not on the lab's own list: `destroy()` still kills it (it runs in a lab
    /// namespace), and its owner reaps it (`LabProcess.wait` or `waitBlocking`).
    func spawnWithInput(
        host: String,
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:]
    ) throws(LabError) -> (process: LabProcess, input: ProcessInput) {
        guard let bash = LabEnvironment.bash else {
            throw .launchFailed(command: ["bash"], reason: "bash not found")
        }
        let name =
            "\(host)-input-\(UUID().uuidString.prefix(8))-"
            + URL(fileURLWithPath: executable).lastPathComponent
        let outputURL = logDirectory.appendingPathComponent("\(name).stdout")
        let errorURL = logDirectory.appendingPathComponent("\(name).stderr")
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment["LAB_PREFIX"] = prefix
        fullEnvironment["LAB_DIR"] = directory.path
        if let python3 = LabEnvironment.python3 { fullEnvironment["LAB_PYTHON"] = python3.path }
        fullEnvironment.merge(environment) { _, added in added }
        let command = [executable] + arguments
        let (pid, input) = try PosixProcess.spawnWithInput(
            executable: bash.path,
            arguments: [LabEnvironment.scriptURL.path, "exec", host] + command,
            environment: fullEnvironment,
            standardOutput: outputURL.path,
            standardError: errorURL.path
        )
        let process = LabProcess(
            child: ChildProcess(pid: pid),
            host: host,
            command: command,
            standardOutputURL: outputURL,
            standardErrorURL: errorURL
        )
        return (process, input)
    }
}
