import Foundation
import KithCommandLine

// A small command tree exercising every parser feature, used by the parser and runner tests.

/// `tool`: the root group with a shared flag and the shared `--home` option.
enum ToolRoot: CommandGroup {
    static let verbose = Flag("verbose", short: "v", help: "Say more.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "tool",
            abstract: "A test tool.",
            version: "9.9.9",
            options: [verbose, KithHome.option],
            subcommands: [PostCommand.self, CommunityGroup.self, FailingCommand.self]
        )
    }
}

/// `tool post [--channel NAME ...] [--limit N] [--json] WORDS...`
struct PostCommand: Command {
    static let channel = Option<String>(
        "channel",
        short: "c",
        valueName: "NAME",
        isRepeatable: true,
        help: "Post to channel NAME."
    )
    static let limit = Option<Int>(
        "limit", valueName: "N", defaultValue: 20, help: "Keep N entries.")
    static let json = Flag("json", help: "Print JSON.")
    static let words = Argument<String>("WORDS", arity: .variadic(minimum: 1), help: "The message.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "post",
            abstract: "Post a message.",
            options: [channel, limit, json],
            arguments: [words]
        )
    }

    let arguments: ParsedArguments

    init(arguments: ParsedArguments) throws(UsageError) {
        if arguments.isSet(Self.json), arguments.values(of: Self.channel).count > 1 {
            throw UsageError("--json cannot be used with several channels")
        }
        self.arguments = arguments
    }

    func run(_ context: CommandContext) async throws {
        let words = arguments.values(of: Self.words)
        context.printLine("posted: " + words.joined(separator: " "))
        context.note("to \(arguments.values(of: Self.channel))")
    }
}

/// `tool community`: a nested group.
enum CommunityGroup: CommandGroup {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "community",
            abstract: "Manage communities.",
            subcommands: [JoinCommand.self]
        )
    }
}

/// An output format, to test enum values.
enum OutputFormat: String, CaseIterable, ArgumentValue {
    case text, json
}

/// `tool community join CODE [NAME] [--port N] [--format F]`
struct JoinCommand: Command {
    static let code = Argument<String>("CODE", help: "The invitation code.")
    static let name = Argument<String>("NAME", arity: .optional, help: "A local name.")
    static let port = Option<UInt16>("port", help: "The port.")
    static let format = Option<OutputFormat>(
        "format", defaultValue: .text, help: "The output format.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "join",
            abstract: "Join a community.",
            options: [port, format],
            arguments: [code, name]
        )
    }

    init(arguments: ParsedArguments) {}

    func run(_ context: CommandContext) async throws {}
}

/// `tool fail [--status N]`: fails on purpose.
struct FailingCommand: Command {
    static let status = Option<Int>("status", help: "Exit with this status through CommandFailure.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(name: "fail", abstract: "Fail on purpose.", options: [status])
    }

    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom happened" }
    }

    let status: Int?

    init(arguments: ParsedArguments) {
        status = arguments.value(of: Self.status)
    }

    func run(_ context: CommandContext) async throws {
        context.printLine("partial output")
        if let status {
            throw CommandFailure("custom failure", status: ExitCode(rawValue: Int32(status)))
        }
        throw Boom()
    }
}

/// A text sink that keeps what was written, for assertions.
final class CapturedText: TextSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ""

    func write(_ text: String) {
        lock.lock()
        storage += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
