/// What a command line asks for.
public enum ParseOutcome {
    /// Run `command` with these arguments.
    case run(any Command.Type, ParsedArguments)
    /// Print the help of the last command of the chain (`--help` or `-h` was given).
    case help(CommandChain)
    /// Print this version (`--version` was given to the root command).
    case version(String)
}

/// Parses command-line words against a tree of command declarations. Pure: no IO.
///
/// Rules:
/// - Long options: `--name`, `--name VALUE`, `--name=VALUE`. Short aliases: `-n`, `-n VALUE`,
///   `-nVALUE`; short flags cannot be bundled (`-vx` is an unknown option).
/// - A value-taking option takes the next word as its value whatever it looks like.
/// - `--` ends options: every later word is positional.
/// - `--help`/`-h` anywhere (before `--`) asks for the help of the command selected so far.
/// - The first positional word of a command with subcommands names a subcommand.
/// - A word such as `-5` is positional unless a short option `-5` exists; `-` alone is positional.
public struct ArgumentParser {
    /// The tool's name, the first word of every command path.
    public let toolName: String
    /// The root of the command tree.
    public let root: any CommandDeclaration.Type

    /// A parser for the tree below `root`.
    public init(toolName: String, root: any CommandDeclaration.Type) {
        self.toolName = toolName
        self.root = root
    }

    /// Parses `words` (the command line without the program name).
    public func parse(_ words: [String]) throws(UsageError) -> ParseOutcome {
        var state = ParserState(chain: CommandChain(toolName: toolName, root: root))
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded
                || !Self.looksLikeOption(word, shortOptions: state.chain.availableOptions)
            {
                try state.acceptPositional(word)
            } else if word == "--" {
                optionsEnded = true
            } else if word == "--help" || word == "-h" {
                return .help(state.chain)
            } else if word == "--version", state.chain.commands.count == 1,
                let version = root.configuration.version
            {
                return .version(version)
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = body.split(
                    separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
                let inlineValue =
                    body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                try state.acceptOption(
                    spelled: "--" + name,
                    matching: { $0.name == name },
                    inlineValue: inlineValue,
                    words: words,
                    index: &index
                )
            } else {
                let letter = word.dropFirst().first
                let rest = String(word.dropFirst(2))
                let option = state.chain.availableOptions.first { $0.shortName == letter }
                if option?.kind == .flag, !rest.isEmpty {
                    // Short flags cannot be bundled (`-vx`): name the whole word as unknown.
                    throw UsageError(
                        .unknownOption(word, suggestion: nil), commandPath: state.chain.path)
                }
                try state.acceptOption(
                    spelled: String(word.prefix(2)),
                    matching: { $0.shortName == letter },
                    inlineValue: rest.isEmpty ? nil : rest,
                    words: words,
                    index: &index
                )
            }
        }
        return try state.finish()
    }

    /// Whether `word` is to be read as an option rather than a positional value.
    static func looksLikeOption(_ word: String, shortOptions: [OptionDeclaration]) -> Bool {
        guard word.hasPrefix("-"), word != "-" else { return false }
        if word.hasPrefix("--") { return true }
        let letter = word.dropFirst().first
        let isNumber = letter.map { $0.isNumber || $0 == "." } ?? false
        return !isNumber || shortOptions.contains { $0.shortName == letter }
    }
}

/// The mutable state of one parse.
private struct ParserState {
    var chain: CommandChain
    var parsed: ParsedArguments
    var positionals: [String] = []

    init(chain: CommandChain) {
        self.chain = chain
        parsed = ParsedArguments(commandPath: chain.path)
    }

    func error(_ reason: UsageError.Reason) -> UsageError {
        UsageError(reason, commandPath: chain.path)
    }

    mutating func acceptPositional(_ word: String) throws(UsageError) {
        let configuration = chain.current.configuration
        guard !configuration.subcommands.isEmpty else {
            positionals.append(word)
            return
        }
        guard let subcommand = configuration.subcommand(named: word) else {
            let names = configuration.subcommands.map { $0.configuration.name }
            let suggestion = SpellingSuggestion.closest(to: word, among: names)
            throw error(.unknownSubcommand(word, suggestion: suggestion))
        }
        chain.descend(into: subcommand)
    }

    mutating func acceptOption(
        spelled spelling: String,
        matching isMatch: (OptionDeclaration) -> Bool,
        inlineValue: String?,
        words: [String],
        index: inout Int
    ) throws(UsageError) {
        let available = chain.availableOptions
        guard let option = available.first(where: isMatch) else {
            let names = available.map(\.spelling) + ["--help"]
            let suggestion =
                spelling.hasPrefix("--")
                ? SpellingSuggestion.closest(to: spelling, among: names) : nil
            throw error(.unknownOption(spelling, suggestion: suggestion))
        }
        switch option.kind {
        case .flag:
            if let inlineValue {
                throw error(.unexpectedValue(flag: option.spelling, value: inlineValue))
            }
            parsed.flagCounts[option.name, default: 0] += 1
        case .value(_, let isRepeatable):
            let raw: String
            if let inlineValue {
                raw = inlineValue
            } else if index < words.count {
                raw = words[index]
                index += 1
            } else {
                throw error(.missingValue(option: option.spelling))
            }
            let previous = parsed.optionValues[option.name] ?? []
            if !isRepeatable, !previous.isEmpty { throw error(.repeatedOption(option.spelling)) }
            guard let value = option.convert(raw) else {
                throw error(
                    .invalidValue(
                        raw, for: option.spelling, expected: option.expectedValueDescription))
            }
            parsed.optionValues[option.name] = previous + [value]
        }
    }

    mutating func finish() throws(UsageError) -> ParseOutcome {
        if !chain.current.configuration.subcommands.isEmpty {
            guard let fallback = chain.current.configuration.defaultSubcommand else {
                throw error(.missingSubcommand)
            }
            chain.descend(into: fallback)
        }
        guard let command = chain.current as? any Command.Type else {
            throw error(.missingSubcommand)
        }
        var result = ParsedArguments(commandPath: chain.path)
        result.optionValues = parsed.optionValues
        result.flagCounts = parsed.flagCounts
        result.argumentValues = try assignPositionals(to: chain.current.configuration.arguments)
        return .run(command, result)
    }

    /// Distributes the positional words over the declared arguments, left to right, giving each
    /// optional or variadic argument only what the later required ones can spare.
    func assignPositionals(to declarations: [ArgumentDeclaration]) throws(UsageError) -> [String:
        [any Sendable]]
    {
        var values: [String: [any Sendable]] = [:]
        var remaining = positionals[...]
        for (position, declaration) in declarations.enumerated() {
            let laterMinimum = declarations[(position + 1)...].reduce(0) { total, later in
                switch later.arity {
                case .required: total + 1
                case .optional: total
                case .variadic(let minimum): total + minimum
                }
            }
            let spare = max(0, remaining.count - laterMinimum)
            let count: Int
            switch declaration.arity {
            case .required:
                guard spare >= 1 else { throw error(.missingArgument(declaration.name)) }
                count = 1
            case .optional:
                count = min(1, spare)
            case .variadic(let minimum):
                guard spare >= minimum else { throw error(.missingArgument(declaration.name)) }
                count = spare
            }
            var converted: [any Sendable] = []
            for word in remaining.prefix(count) {
                guard let value = declaration.convert(word) else {
                    throw error(
                        .invalidValue(
                            word, for: declaration.name,
                            expected: declaration.expectedValueDescription)
                    )
                }
                converted.append(value)
            }
            values[declaration.name] = converted
            remaining = remaining.dropFirst(count)
        }
        if let extra = remaining.first { throw error(.unexpectedArgument(extra)) }
        return values
    }
}
