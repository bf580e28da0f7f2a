/// `TOOL completions bash|zsh|fish`: prints the shell completion script for the tool whose
/// command tree starts at `Root` (``ShellCompletion``).
public struct CompletionsCommand<Root: CommandDeclaration>: Command {
    static var shell: Argument<String> {
        Argument<String>("shell", help: "The shell: bash, zsh or fish.")
    }

    public static var configuration: CommandConfiguration {
        let tool = Root.configuration.name
        return CommandConfiguration(
            name: "completions",
            abstract: "Print the shell completion script for bash, zsh or fish.",
            discussion: "Generated from the commands' declarations. Install it where your shell "
                + "looks, for example `\(tool) completions bash > "
                + "/etc/bash_completion.d/\(tool)`, `\(tool) completions zsh > "
                + "\"${fpath[1]}/_\(tool)\"` or `\(tool) completions fish > "
                + "~/.config/fish/completions/\(tool).fish`.",
            arguments: [shell])
    }

    let shell: ShellCompletion.Shell

    public init(arguments: ParsedArguments) throws(UsageError) {
        let name = arguments.value(of: Self.shell) ?? ""
        guard let shell = ShellCompletion.Shell(rawValue: name) else {
            throw UsageError("unknown shell '\(name)': expected bash, zsh or fish")
        }
        self.shell = shell
    }

    public func run(_ context: CommandContext) async throws {
        context.standardOutput.write(ShellCompletion.script(for: shell, root: Root.self))
    }
}
