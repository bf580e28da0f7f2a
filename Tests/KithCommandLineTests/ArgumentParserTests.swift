import KithCommandLine
import Testing

/// Parses `words` with the test tree and returns the command type and its arguments.
private func parseRun(_ words: [String]) throws -> (any Command.Type, ParsedArguments) {
    let outcome = try ArgumentParser(toolName: "tool", root: ToolRoot.self).parse(words)
    guard case .run(let command, let arguments) = outcome else {
        Issue.record("expected a command to run, got \(outcome)")
        throw UsageError("not a run outcome")
    }
    return (command, arguments)
}

/// The usage error parsing `words` throws, if any.
private func parseError(_ words: [String]) -> UsageError? {
    #expect(throws: UsageError.self) {
        try ArgumentParser(toolName: "tool", root: ToolRoot.self).parse(words)
    }
}

@Suite("ArgumentParser")
struct ArgumentParserTests {
    @Test("a value option accepts both `--name VALUE` and `--name=VALUE`")
    func valueSpellings() throws {
        let (_, separate) = try parseRun(["post", "--limit", "5", "hi"])
        let (_, joined) = try parseRun(["post", "--limit=7", "hi"])
        #expect(separate.value(of: PostCommand.limit) == 5)
        #expect(joined.value(of: PostCommand.limit) == 7)
    }

    @Test("`--name=` gives an empty value and `--name=a=b` keeps everything after the first '='")
    func inlineValueEdges() throws {
        let (_, empty) = try parseRun(["post", "--channel=", "hi"])
        #expect(empty.values(of: PostCommand.channel) == [""])
        let (_, equals) = try parseRun(["post", "--channel=a=b", "hi"])
        #expect(equals.values(of: PostCommand.channel) == ["a=b"])
    }

    @Test("a value option takes the next word even when it looks like an option")
    func valueLooksLikeOption() throws {
        let (_, arguments) = try parseRun(["post", "--channel", "--json", "hi"])
        #expect(arguments.values(of: PostCommand.channel) == ["--json"])
        #expect(!arguments.isSet(PostCommand.json))
    }

    @Test("a repeatable option keeps every value in order")
    func repeatable() throws {
        let (_, arguments) = try parseRun([
            "post", "--channel", "a", "-c", "b", "--channel=c", "-cd", "hi",
        ])
        #expect(arguments.values(of: PostCommand.channel) == ["a", "b", "c", "d"])
        #expect(arguments.value(of: PostCommand.channel) == "d")
    }

    @Test("a non-repeatable option given twice is a usage error")
    func notRepeatable() {
        #expect(
            parseError(["post", "--limit", "1", "--limit", "2", "hi"])?.reason
                == .repeatedOption("--limit"))
    }

    @Test("an absent option gives its default; `contains` tells given from default")
    func defaults() throws {
        let (_, arguments) = try parseRun(["post", "hi"])
        #expect(arguments.value(of: PostCommand.limit) == 20)
        #expect(!arguments.contains(PostCommand.limit))
        #expect(arguments.value(of: PostCommand.channel) == nil)
        #expect(arguments.values(of: PostCommand.channel).isEmpty)
        let (_, given) = try parseRun(["post", "--limit", "20", "hi"])
        #expect(given.contains(PostCommand.limit))
    }

    @Test("flags are set by presence and counted; a flag with `=value` is refused")
    func flags() throws {
        let (_, arguments) = try parseRun(["-v", "post", "--json", "--verbose", "hi"])
        #expect(arguments.isSet(PostCommand.json))
        #expect(arguments.flagCount(ToolRoot.verbose) == 2)
        let (_, none) = try parseRun(["post", "hi"])
        #expect(!none.isSet(PostCommand.json))
        #expect(
            parseError(["post", "--json=yes", "hi"])?.reason
                == .unexpectedValue(flag: "--json", value: "yes"))
    }

    @Test("`--` ends options: later words are positional even if they look like options")
    func terminator() throws {
        let (_, arguments) = try parseRun(["post", "--json", "--", "--channel", "-v", "--"])
        #expect(arguments.values(of: PostCommand.words) == ["--channel", "-v", "--"])
        #expect(arguments.values(of: PostCommand.channel).isEmpty)
        #expect(arguments.flagCount(ToolRoot.verbose) == 0)
    }

    @Test("a lone dash and negative numbers are positional")
    func dashWords() throws {
        let (_, arguments) = try parseRun(["post", "-", "-5", "-1.5"])
        #expect(arguments.values(of: PostCommand.words) == ["-", "-5", "-1.5"])
    }

    @Test("positionals and options may be interleaved")
    func interleaved() throws {
        let (_, arguments) = try parseRun(["post", "hello", "--json", "world"])
        #expect(arguments.values(of: PostCommand.words) == ["hello", "world"])
        #expect(arguments.isSet(PostCommand.json))
    }

    @Test("nested subcommands are selected word by word and fill the command path")
    func nested() throws {
        let (command, arguments) = try parseRun(["community", "join", "ABC"])
        #expect(ObjectIdentifier(command) == ObjectIdentifier(JoinCommand.self))
        #expect(arguments.commandPath == ["tool", "community", "join"])
        #expect(arguments.value(of: JoinCommand.code) == "ABC")
        #expect(arguments.value(of: JoinCommand.name) == nil)
    }

    @Test("an optional positional argument takes a word when there is one")
    func optionalArgument() throws {
        let (_, arguments) = try parseRun(["community", "join", "ABC", "home"])
        #expect(arguments.value(of: JoinCommand.code) == "ABC")
        #expect(arguments.value(of: JoinCommand.name) == "home")
    }

    @Test("a group's options are shared: accepted before or after the subcommand")
    func sharedOptions() throws {
        for words in [
            ["--home", "/h", "post", "hi"], ["post", "--home=/h", "hi"],
            ["post", "hi", "--home", "/h"],
        ] {
            let (_, arguments) = try parseRun(words)
            #expect(arguments.value(of: KithHome.option) == "/h", "\(words)")
        }
        let (_, nested) = try parseRun(["community", "join", "--home", "/n", "X"])
        #expect(nested.value(of: KithHome.option) == "/n")
    }

    @Test("a subcommand's options are not accepted before the subcommand is named")
    func optionBeforeSubcommand() {
        #expect(
            parseError(["--json", "post", "hi"])?.reason
                == .unknownOption("--json", suggestion: nil))
    }

    @Test("values convert to the declared type; a bad value names the option and what was expected")
    func typedConversion() throws {
        let (_, arguments) = try parseRun([
            "community", "join", "--port", "8080", "--format", "json", "X",
        ])
        #expect(arguments.value(of: JoinCommand.port) == 8080)
        #expect(arguments.value(of: JoinCommand.format) == .json)

        let badInteger = parseError(["post", "--limit", "ten", "hi"])
        #expect(badInteger?.reason == .invalidValue("ten", for: "--limit", expected: "an integer"))
        #expect(badInteger?.description == "invalid value 'ten' for --limit: expected an integer")
        let outOfRange = parseError(["community", "join", "--port", "70000", "X"])
        #expect(
            outOfRange?.reason
                == .invalidValue("70000", for: "--port", expected: "an integer from 0 to 65535"))
        let badChoice = parseError(["community", "join", "--format", "xml", "X"])
        #expect(
            badChoice?.reason
                == .invalidValue("xml", for: "--format", expected: "one of: text, json"))
    }

    @Test("an option missing its value is a usage error")
    func missingValue() {
        #expect(parseError(["post", "hi", "--limit"])?.reason == .missingValue(option: "--limit"))
        #expect(parseError(["post", "hi", "-c"])?.reason == .missingValue(option: "--channel"))
    }

    @Test("an unknown option is an error with a spelling suggestion when one is close")
    func unknownOption() {
        let close = parseError(["post", "--chanel", "x", "hi"])
        #expect(close?.reason == .unknownOption("--chanel", suggestion: "--channel"))
        #expect(close?.description == "unknown option '--chanel'; did you mean '--channel'?")
        #expect(close?.commandPath == ["tool", "post"])
        #expect(
            parseError(["post", "--zzzzzz", "hi"])?.reason
                == .unknownOption("--zzzzzz", suggestion: nil))
        #expect(parseError(["post", "-x", "hi"])?.reason == .unknownOption("-x", suggestion: nil))
        #expect(
            parseError(["post", "-vc", "hi"])?.reason == .unknownOption("-vc", suggestion: nil))
    }

    @Test("an unknown subcommand is an error with a suggestion")
    func unknownSubcommand() {
        let error = parseError(["comunity", "join", "X"])
        #expect(error?.reason == .unknownSubcommand("comunity", suggestion: "community"))
        #expect(error?.commandPath == ["tool"])
    }

    @Test("a group without a subcommand is a usage error")
    func missingSubcommand() {
        #expect(parseError([])?.reason == .missingSubcommand)
        let nested = parseError(["community"])
        #expect(nested?.reason == .missingSubcommand)
        #expect(nested?.commandPath == ["tool", "community"])
    }

    @Test("missing and surplus positional arguments are usage errors")
    func positionalCounts() {
        #expect(parseError(["post"])?.reason == .missingArgument("WORDS"))
        #expect(parseError(["community", "join"])?.reason == .missingArgument("CODE"))
        #expect(
            parseError(["community", "join", "A", "B", "C"])?.reason == .unexpectedArgument("C"))
        #expect(parseError(["fail", "extra"])?.reason == .unexpectedArgument("extra"))
    }

    @Test(
        "--help and -h ask for the help of the command selected so far",
        arguments: [
            (["--help"], ["tool"]),
            (["-h", "post"], ["tool"]),
            (["post", "--help"], ["tool", "post"]),
            (["post", "--help", "--bogus"], ["tool", "post"]),
            (["community", "join", "-h"], ["tool", "community", "join"]),
        ]
    )
    func helpRequests(words: [String], path: [String]) throws {
        let outcome = try ArgumentParser(toolName: "tool", root: ToolRoot.self).parse(words)
        guard case .help(let chain) = outcome else {
            Issue.record("\(words) did not ask for help: \(outcome)")
            return
        }
        #expect(chain.path == path)
    }

    @Test("a mistake before --help is still reported")
    func errorBeforeHelp() {
        #expect(
            parseError(["post", "--bogus", "--help"])?.reason
                == .unknownOption("--bogus", suggestion: nil))
    }

    @Test("--help after -- is a positional word")
    func helpAfterTerminator() throws {
        let (_, arguments) = try parseRun(["post", "--", "--help"])
        #expect(arguments.values(of: PostCommand.words) == ["--help"])
    }

    @Test("--version is accepted by the root only")
    func version() throws {
        let parser = ArgumentParser(toolName: "tool", root: ToolRoot.self)
        guard case .version(let version) = try parser.parse(["--version"]) else {
            Issue.record("--version not recognized")
            return
        }
        #expect(version == "9.9.9")
        #expect(
            parseError(["post", "--version"])?.reason
                == .unknownOption("--version", suggestion: nil))
    }
}

@Suite("ArgumentParser help text")
struct HelpFormatterTests {
    private func chain(_ names: String...) -> CommandChain {
        var chain = CommandChain(toolName: "tool", root: ToolRoot.self)
        for name in names {
            guard let next = chain.current.configuration.subcommand(named: name) else {
                Issue.record("no subcommand \(name)")
                break
            }
            chain.descend(into: next)
        }
        return chain
    }

    @Test(
        "a leaf command's help lists its usage, arguments, options with values and defaults, and global options"
    )
    func leafHelp() {
        let help = HelpFormatter().help(for: chain("post"))
        #expect(
            help.hasPrefix("Usage: tool post [--channel NAME ...] [--limit N] [--json] WORDS...\n"))
        #expect(help.contains("Post a message."))
        #expect(help.contains("Arguments:\n  WORDS"))
        #expect(help.contains("-c, --channel NAME"))
        #expect(help.contains("May be given more than once."))
        #expect(help.contains("(default: 20)"))
        #expect(help.contains("-h, --help"))
        #expect(help.contains("Global options:"))
        #expect(help.contains("--home DIR"))
        #expect(help.contains("-v, --verbose"))
        #expect(!help.contains("--version"))
    }

    @Test("a group's help lists its commands, its options and --version at the root")
    func groupHelp() {
        let help = HelpFormatter().help(for: chain())
        #expect(help.hasPrefix("Usage: tool [--verbose] [--home DIR] <command> [...]\n"))
        #expect(help.contains("Commands:\n  post"))
        #expect(help.contains("community"))
        #expect(help.contains("--version"))
        #expect(help.contains("Run 'tool <command> --help'"))
        #expect(!help.contains("Global options:"))
    }

    @Test("help text stays within the line width where words allow")
    func wrapping() {
        for width in [40, 60, 80] {
            let help = HelpFormatter(lineWidth: width).help(for: chain("post"))
            for line in help.split(separator: "\n")
            where line.contains(" ") && !line.hasPrefix("Usage:") {
                #expect(line.count <= width, "\(width): \(line)")
            }
        }
    }
}

@Suite("CommandRunner")
struct CommandRunnerTests {
    private struct Outcome {
        let status: ExitCode
        let output: String
        let errors: String
    }

    private func run(_ words: [String]) async -> Outcome {
        let output = CapturedText()
        let errors = CapturedText()
        let status = await CommandRunner(toolName: "tool", root: ToolRoot.self).run(
            arguments: words,
            environment: [:],
            standardOutput: output,
            standardError: errors,
            terminal: Terminal(
                standardOutputIsTerminal: false, standardErrorIsTerminal: false, environment: [:])
        )
        return Outcome(status: status, output: output.text, errors: errors.text)
    }

    @Test("a successful command exits 0 with its output on the right streams")
    func success() async {
        let outcome = await run(["post", "-c", "general", "hello", "world"])
        #expect(outcome.status == .success)
        #expect(outcome.output == "posted: hello world\n")
        #expect(outcome.errors == "tool: to [\"general\"]\n")
    }

    @Test("a usage error exits 2 with the message, the usage line and a help hint on stderr only")
    func usageError() async {
        let outcome = await run(["post", "--bogus", "hi"])
        #expect(outcome.status == .usageError)
        #expect(outcome.output.isEmpty)
        let lines = outcome.errors.split(separator: "\n")
        #expect(lines.first == "tool: unknown option '--bogus'")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: tool post ") == true)
        #expect(lines.last == "Run 'tool post --help' for more information.")
    }

    @Test("a usage error thrown by a command's initializer gets the command path")
    func initializerUsageError() async {
        let outcome = await run(["post", "--json", "-c", "a", "-c", "b", "hi"])
        #expect(outcome.status == .usageError)
        #expect(
            outcome.errors.hasPrefix(
                "tool: --json cannot be used with several channels\nUsage: tool post"))
    }

    @Test("a runtime error exits 1 with `tool: <description>`")
    func runtimeError() async {
        let outcome = await run(["fail"])
        #expect(outcome.status == .failure)
        #expect(outcome.output == "partial output\n")
        #expect(outcome.errors == "tool: boom happened\n")
    }

    @Test("a CommandFailure chooses the exit status")
    func commandFailure() async {
        let outcome = await run(["fail", "--status", "3"])
        #expect(outcome.status == ExitCode(rawValue: 3))
        #expect(outcome.errors == "tool: custom failure\n")
    }

    @Test("--help prints to stdout and exits 0; --version prints `tool <version>`")
    func helpAndVersion() async {
        let help = await run(["community", "join", "--help"])
        #expect(help.status == .success)
        #expect(help.output.hasPrefix("Usage: tool community join "))
        #expect(help.errors.isEmpty)
        let version = await run(["--version"])
        #expect(version.status == .success)
        #expect(version.output == "tool 9.9.9\n")
    }

    @Test("no subcommand: exit 2 with the group's usage")
    func missingSubcommand() async {
        let outcome = await run(["community"])
        #expect(outcome.status == .usageError)
        #expect(outcome.errors.hasPrefix("tool: missing command\nUsage: tool community <command>"))
    }
}
