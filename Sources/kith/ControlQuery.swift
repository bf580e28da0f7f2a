import KithCommandLine
import KithNode

/// Asks the node running in a home over its control socket; says so when none runs.
enum ControlQuery {
    static func ask(_ op: String, homeOption: String?, context: CommandContext) throws
        -> ControlResponse
    {
        let home = try KithHome.resolve(optionValue: homeOption, environment: context.environment)
        let path = home.file(NodeLauncher.controlSocketName)
        let response: ControlResponse
        do {
            response = try ControlClient.send(ControlRequest(op: op), socketPath: path)
        } catch {
            if case .notRunning = error {
                throw CommandFailure(
                    "no node is running in \(home.path) (start one with `kith node`)")
            }
            throw CommandFailure("\(error)")
        }
        guard response.ok else {
            throw CommandFailure("the node refused: \(response.error ?? "no reason given")")
        }
        return response
    }

    /// `1h 02m 03s`, `4m 05s`, `6s`.
    static func duration(_ seconds: UInt64) -> String {
        let hours = seconds / 3600
        let minutes = seconds / 60 % 60
        let rest = seconds % 60
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if hours > 0 { return "\(hours)h \(two(minutes))m \(two(rest))s" }
        if minutes > 0 { return "\(minutes)m \(two(rest))s" }
        return "\(rest)s"
    }
}
