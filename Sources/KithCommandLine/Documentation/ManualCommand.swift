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
