/// Everything the parser and the help text know about one command.
public struct CommandConfiguration: Sendable {
    /// The word that selects the command: `id` in `kith id`. For the root, the tool's name.
    public let name: String
    /// One line for command lists and the top of the help text.
    public let abstract: String
    /// Further paragraphs for the help text; empty for none.
    public let discussion: String
    /// The options. A command with subcommands shares its options with all of them, so
    /// `kith --home DIR id` and `kith id --home DIR` mean the same. A subcommand's option with the
    /// same name takes precedence over a shared one.
    public let options: [OptionDeclaration]
    /// The positional arguments, in order.
    public let arguments: [ArgumentDeclaration]
    /// The subcommands, in the order the help text lists them.
    public let subcommands: [any CommandDeclaration.Type]
    /// The subcommand to run when none is named; nil makes a missing subcommand a usage error.
    public let defaultSubcommand: (any CommandDeclaration.Type)?
    /// The version `--version` prints (root command only); nil for no `--version` option.
    public let version: String?

    /// Declares a command.
    public init(
        name: String,
        abstract: String,
        discussion: String = "",
        version: String? = nil,
        options: [any DeclaredOption] = [],
        arguments: [any DeclaredArgument] = [],
        subcommands: [any CommandDeclaration.Type] = [],
        defaultSubcommand: (any CommandDeclaration.Type)? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.version = version
        self.options = options.map(\.declaration)
        self.arguments = arguments.map(\.declaration)
        self.subcommands = subcommands
        self.defaultSubcommand = defaultSubcommand
    }

    /// The subcommand called `name`, if there is one.
    public func subcommand(named name: String) -> (any CommandDeclaration.Type)? {
        subcommands.first { $0.configuration.name == name }
    }
}
