import Foundation

/// Network probes (`tools/lab/labnet.py`) run inside lab hosts: TCP and multicast senders and
/// receivers that name their interface, for testing the lab itself.
extension Lab {
    /// True when the probes can run (python3 is installed).
    static var canRunProbes: Bool { LabEnvironment.python3 != nil }

    /// The command line running `labnet.py` with `arguments`.
    static func probeCommand(_ arguments: [String]) throws(LabError) -> [String] {
        guard let python3 = LabEnvironment.python3 else {
            throw .launchFailed(command: ["python3"], reason: "python3 is not installed")
        }
        return [python3.path, LabEnvironment.probeScriptURL.path] + arguments
    }

    /// Runs a probe inside `host` to completion.
    func runProbe(host: String, _ arguments: [String]) async throws(LabError) -> LabCommandResult {
        try await execute(host: host, try Self.probeCommand(arguments))
    }

    /// Starts a probe inside `host` in the background.
    func spawnProbe(host: String, _ arguments: [String]) throws(LabError) -> LabProcess {
        let command = try Self.probeCommand(arguments)
        return try spawn(host: host, executable: command[0], arguments: Array(command.dropFirst()))
    }

    /// Starts a multicast receiver for `group` on `host`'s link to `bridge` and waits until it has
    /// joined. It prints one line per datagram, "<payload> from <sender>", then "received <n>".
    func startMulticastReceiver(
        host: String,
        bridge: String,
        group: String,
        port: Int,
        count: Int,
        timeoutSeconds: Int = 20
    ) async throws -> LabProcess {
        let receiver = try spawnProbe(
            host: host,
            [
                "mcast-recv", group, String(port), Self.interfaceName(bridge: bridge),
                "--count", String(count), "--timeout", String(timeoutSeconds),
            ]
        )
        try await waitUntil("\(receiver) to join \(group)", timeout: .seconds(10)) {
            receiver.standardOutput.contains("joined") || !receiver.isRunning
        }
        return receiver
    }

    /// Sends `count` datagrams "<message> <i>" to `group` out of `host`'s link to `bridge`.
    func sendMulticast(
        host: String, bridge: String, group: String, port: Int, count: Int, message: String
    )
        async throws(LabError)
    {
        _ = try await runProbe(
            host: host,
            [
                "mcast-send", group, String(port), Self.interfaceName(bridge: bridge),
                "--count", String(count), "--message", message,
            ]
        ).checkedOutput()
    }

    /// The payloads a receiver printed so far, without the sender.
    static func payloads(of receiver: LabProcess) -> [String] {
        receiver.standardOutput.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: " from ") else { return nil }
            return String(line[..<range.lowerBound])
        }
    }
}
