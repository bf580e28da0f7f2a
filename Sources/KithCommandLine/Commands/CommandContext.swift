/// What a running command may use besides its arguments: streams, environment, terminal facts.
///
/// Commands write through the context instead of `print`, so tests can capture everything.
public struct CommandContext: Sendable {
    /// The tool's name, used to prefix messages on standard error: `kith`.
    public let toolName: String
    /// The words that selected the command: `["kith", "id"]`.
    public let commandPath: [String]
    /// The process environment.
    public let environment: [String: String]
    /// Where results go.
    public let standardOutput: any TextSink
    /// Where messages, warnings and progress go.
    public let standardError: any TextSink
    /// Whether the streams are terminals and colour is allowed.
    public let terminal: Terminal

    /// A context with the given streams and facts.
    public init(
        toolName: String,
        commandPath: [String],
        environment: [String: String],
        standardOutput: any TextSink,
        standardError: any TextSink,
        terminal: Terminal
    ) {
        self.toolName = toolName
        self.commandPath = commandPath
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.terminal = terminal
    }

    /// Writes `line` and a newline to standard output.
    public func printLine(_ line: String = "") {
        standardOutput.write(line + "\n")
    }

    /// Writes `object` as one JSON line to standard output.
    public func printJSONLine(_ object: JSONObject) {
        standardOutput.write(JSONLine.encode(object) + "\n")
    }

    /// Writes `<tool>: <message>` and a newline to standard error, for notes and warnings that are
    /// not the command's result.
    public func note(_ message: String) {
        standardError.write("\(toolName): \(message)\n")
    }
}
