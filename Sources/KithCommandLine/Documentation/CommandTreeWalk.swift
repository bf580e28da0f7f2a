/// One command of a command tree, with the words that select it from the root (empty for the
/// root itself): what man pages and shell completions are generated from.
public struct CommandTreeNode: Sendable {
    /// The subcommand words after the tool's name: `["community", "join"]`.
    public let path: [String]
    /// The command's declarations.
    public let configuration: CommandConfiguration
    /// The options shared from the commands above it (a group's options apply to its
    /// subcommands).
    public let sharedOptions: [OptionDeclaration]

    /// Every option the command accepts: its own, then shared ones it does not redeclare.
    public var allOptions: [OptionDeclaration] {
        let own = Set(configuration.options.map(\.name))
        return configuration.options + sharedOptions.filter { !own.contains($0.name) }
    }

    /// Every command of the tree under `root`, root first, then depth first in declaration
    /// order.
    public static func walk(_ root: any CommandDeclaration.Type) -> [CommandTreeNode] {
        var nodes: [CommandTreeNode] = []
        func visit(
            _ command: any CommandDeclaration.Type, path: [String], shared: [OptionDeclaration]
        ) {
            let configuration = command.configuration
            nodes.append(
                CommandTreeNode(path: path, configuration: configuration, sharedOptions: shared))
            let names = Set(configuration.options.map(\.name))
            let passedOn = configuration.options + shared.filter { !names.contains($0.name) }
            for subcommand in configuration.subcommands {
                visit(
                    subcommand, path: path + [subcommand.configuration.name], shared: passedOn)
            }
        }
        visit(root, path: [], shared: [])
        return nodes
    }
}
