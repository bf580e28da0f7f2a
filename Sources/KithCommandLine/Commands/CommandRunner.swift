import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses a command line, runs the selected command, reports errors and picks the exit status.
///
/// - `--help`/`-h`: help text on standard output, status 0.
/// - `--version` (root only, when declared): `<tool> <version>` on standard output, status 0.
/// - A ``UsageError``: `<tool>: <message>` and a usage hint on standard error, status 2.
/// - A ``CommandFailure``: its message (if any) on standard error, its status.
/// - Any other error: `<tool>: <description>` on standard error, status 1.
public struct CommandRunner {
    /// The tool's name, used in messages and usage lines.
    public let toolName: String
    /// The root of the command tree.
    public let root: any CommandDeclaration.Type

    /// A runner for the tree below `root`.
    public init(toolName: String, root: any CommandDeclaration.Type) {
        self.toolName = toolName
        self.root = root
    }

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    public func run(
        arguments: [String],
        environment: [String: String],
        standardOutput: any TextSink,
        standardError: any TextSink,
        terminal: Terminal
    ) async -> ExitCode {
        let formatter = HelpFormatter(lineWidth: Self.lineWidth(environment: environment))
        let parser = ArgumentParser(toolName: toolName, root: root)
        let command: any Command
        let commandPath: [String]
        do throws(UsageError) {
            switch try parser.parse(arguments) {
            case .help(let chain):
                standardOutput.write(formatter.help(for: chain))
                return .success
            case .version(let version):
                standardOutput.write("\(toolName) \(version)\n")
                return .success
            case .run(let commandType, let parsed):
                commandPath = parsed.commandPath
                command = try Self.makeCommand(commandType, parsed)
            }
        } catch {
            reportUsageError(error, formatter: formatter, to: standardError)
            return .usageError
        }
        let context = CommandContext(
            toolName: toolName,
            commandPath: commandPath,
            environment: environment,
            standardOutput: standardOutput,
            standardError: standardError,
            terminal: terminal
        )
        do {
            try await command.run(context)
            return .success
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty {
                standardError.write(Self.prefixed(failure.message, toolName))
            }
            return failure.status
        } catch var usageError as UsageError {
            if usageError.commandPath.isEmpty { usageError.commandPath = commandPath }
            reportUsageError(usageError, formatter: formatter, to: standardError)
            return .usageError
        } catch {
            standardError.write(Self.prefixed(String(describing: error), toolName))
            return .failure
        }
    }

    /// Runs the process's own command line with the real streams and exits with the status.
    public func main() async -> Never {
        let environment = ProcessInfo.processInfo.environment
        let status = await run(
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: environment,
            standardOutput: StandardStream.output,
            standardError: StandardStream.error,
            terminal: Terminal.detect(environment: environment)
        )
        exit(status.rawValue)
    }

    private static func makeCommand(_ type: any Command.Type, _ parsed: ParsedArguments)
        throws(UsageError)
        -> any Command
    {
        do {
            return try type.init(arguments: parsed)
        } catch {
            var error = error
            if error.commandPath.isEmpty { error.commandPath = parsed.commandPath }
            throw error
        }
    }

    private func reportUsageError(
        _ error: UsageError, formatter: HelpFormatter, to output: any TextSink
    ) {
        var chain = CommandChain(toolName: toolName, root: root)
        for name in error.commandPath.dropFirst() {
            guard let next = chain.current.configuration.subcommand(named: name) else { break }
            chain.descend(into: next)
        }
        output.write(Self.prefixed(error.description, toolName) + formatter.usageHint(for: chain))
    }

    /// `<tool>: ` before the first line of `message`, and a final newline.
    static func prefixed(_ message: String, _ toolName: String) -> String {
        "\(toolName): \(message)" + (message.hasSuffix("\n") ? "" : "\n")
    }

    /// The width for help text: `COLUMNS` when set to a sensible number, else 80.
    static func lineWidth(environment: [String: String]) -> Int {
        guard let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns >= 40 else {
            return 80
        }
        return min(columns, 120)
    }
}
