import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage

/// Asks the node running in a home over its control socket; says so when none runs.
enum ControlQuery {
    static func ask(_ request: ControlRequest, homeOption: String?, context: CommandContext) throws
        -> ControlResponse
    {
        let home = try KithHome.resolve(optionValue: homeOption, environment: context.environment)
        let path = home.file(NodeLauncher.controlSocketName)
        let response: ControlResponse
        do {
            response = try ControlClient.send(request, socketPath: path)
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

    /// Sends `request` to the node running in the home, if one answers; nil when none runs (the
    /// caller then works on the log directly).
    /// - Throws: ``CommandFailure`` when the node refuses or the socket fails.
    static func askIfRunning(
        _ request: ControlRequest, homeOption: String?, context: CommandContext
    )
        throws -> ControlResponse?
    {
        let home = try KithHome.resolve(optionValue: homeOption, environment: context.environment)
        let response: ControlResponse
        do {
            response = try ControlClient.send(
                request, socketPath: home.file(NodeLauncher.controlSocketName))
        } catch {
            if case .notRunning = error { return nil }
            throw CommandFailure("\(error)")
        }
        guard response.ok else {
            throw CommandFailure("the node refused: \(response.error ?? "no reason given")")
        }
        return response
    }

    /// The id of the community called `name` in the home's community book; nil for nil.
    static func communityID(named name: String?, homeOption: String?, context: CommandContext)
        throws -> CommunityID?
    {
        guard let name else { return nil }
        let home = try KithHome.resolve(optionValue: homeOption, environment: context.environment)
        return try CommunityBook(home: home.path).membership(named: name).id
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
