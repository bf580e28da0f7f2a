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

/// `TOOL manual`: prints the tool's manual page in roff, generated from its command tree
/// (``ManPage``).
public struct ManualCommand<Root: CommandDeclaration>: Command {
    public static var configuration: CommandConfiguration {
        let tool = Root.configuration.name
        return CommandConfiguration(
            name: "manual",
            abstract: "Print the manual page (roff), generated from the commands' declarations.",
            discussion: "Read it with `\(tool) manual | man -l -`, or install it: "
                + "`\(tool) manual > /usr/local/share/man/man1/\(tool).1`.")
    }

    public init(arguments: ParsedArguments) throws(UsageError) {}

    public func run(_ context: CommandContext) async throws {
        context.standardOutput.write(
            ManPage.render(root: Root.self, version: Root.configuration.version ?? ""))
    }
}
