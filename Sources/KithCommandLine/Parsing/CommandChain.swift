/// The commands a command line selected, from the root to the one that runs.
public struct CommandChain {
    /// The tool's name as shown to the user: `kith`.
    public let toolName: String
    /// The selected commands, root first.
    public private(set) var commands: [any CommandDeclaration.Type]

    /// A chain holding only the root command.
    public init(toolName: String, root: any CommandDeclaration.Type) {
        self.toolName = toolName
        commands = [root]
    }

    /// The selected command (the last of the chain).
    public var current: any CommandDeclaration.Type {
        commands[commands.count - 1]
    }

    /// The words that select the current command: `["kith", "community", "join"]`.
    public var path: [String] {
        [toolName] + commands.dropFirst().map { $0.configuration.name }
    }

    /// Options the current command inherits from the commands above it.
    public var sharedOptions: [OptionDeclaration] {
        let own = Set(current.configuration.options.map(\.name))
        var seen = own
        var shared: [OptionDeclaration] = []
        for command in commands.dropLast().reversed() {
            for option in command.configuration.options where seen.insert(option.name).inserted {
                shared.append(option)
            }
        }
        return shared
    }

    /// Every option valid for the current command: its own, then the inherited ones.
    public var availableOptions: [OptionDeclaration] {
        current.configuration.options + sharedOptions
    }

    /// Appends a subcommand of the current command.
    public mutating func descend(into command: any CommandDeclaration.Type) {
        commands.append(command)
    }
}
