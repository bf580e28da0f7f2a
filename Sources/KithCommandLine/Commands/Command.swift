/// A node of the command tree: anything with a ``CommandConfiguration``.
///
/// Conform to ``Command`` for a command that runs, or to ``CommandGroup`` for one that only holds
/// subcommands (like `kith community`). Commands are plain values, hence `Sendable`.
public protocol CommandDeclaration: Sendable {
    /// The command's name, help text, options, arguments and subcommands.
    static var configuration: CommandConfiguration { get }
}

/// A command that only groups subcommands; invoking it without one is a usage error unless its
/// configuration names a default subcommand.
public protocol CommandGroup: CommandDeclaration {}

/// A command that runs.
///
/// A command is a small value: ``init(arguments:)`` reads its typed options from the parse result
/// (and may reject combinations with a ``UsageError``), and ``run(_:)`` does the work.
///
///     struct IdentityCommand: Command {
///         static let json = Flag("json", help: "Print one JSON object.")
///         static var configuration: CommandConfiguration {
///             CommandConfiguration(name: "id", abstract: "Show this node's identity.", options: [json])
///         }
///         let json: Bool
///         init(arguments: ParsedArguments) { json = arguments.isSet(Self.json) }
///         func run(_ context: CommandContext) async throws { ... }
///     }
public protocol Command: CommandDeclaration {
    /// Builds the command from its parsed arguments.
    ///
    /// Throw a ``UsageError`` (exit status 2) for combinations the declarations cannot express.
    init(arguments: ParsedArguments) throws(UsageError)

    /// Does the command's work. A thrown error is printed as `<tool>: <description>` on standard
    /// error and exits with status 1, or with the status a ``CommandFailure`` carries.
    func run(_ context: CommandContext) async throws
}
