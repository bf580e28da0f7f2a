/// What the parser found for one command: typed option values, flags and positional values.
///
/// Values were converted while parsing, so reading them cannot fail. Asking for an option or
/// argument the command did not declare returns nil, an empty array or false.
public struct ParsedArguments: Sendable {
    /// The words that selected the command, starting with the tool name: `["kith", "id"]`.
    public let commandPath: [String]
    /// Converted option values by long name, in command-line order.
    var optionValues: [String: [any Sendable]]
    /// How many times each flag was given, by long name.
    var flagCounts: [String: Int]
    /// Converted positional values by argument name, in command-line order.
    var argumentValues: [String: [any Sendable]]

    /// An empty parse result for the command at `commandPath`.
    public init(commandPath: [String]) {
        self.commandPath = commandPath
        optionValues = [:]
        flagCounts = [:]
        argumentValues = [:]
    }

    /// Whether the flag was given.
    public func isSet(_ flag: Flag) -> Bool {
        flagCount(flag) > 0
    }

    /// How many times the flag was given (for `-v -v` style verbosity).
    public func flagCount(_ flag: Flag) -> Int {
        flagCounts[flag.declaration.name, default: 0]
    }

    /// Whether the option was given on the command line (a default value does not count).
    public func contains<Value>(_ option: Option<Value>) -> Bool {
        optionValues[option.declaration.name]?.isEmpty == false
    }

    /// The option's value: the last one given, else its default, else nil.
    public func value<Value>(of option: Option<Value>) -> Value? {
        values(of: option).last ?? option.defaultValue
    }

    /// Every value given for a repeatable option, in command-line order (no default applied).
    public func values<Value>(of option: Option<Value>) -> [Value] {
        (optionValues[option.declaration.name] ?? []).compactMap { $0 as? Value }
    }

    /// The positional argument's value, or nil when an optional argument was not given.
    public func value<Value>(of argument: Argument<Value>) -> Value? {
        values(of: argument).first
    }

    /// Every value of a variadic argument, in command-line order.
    public func values<Value>(of argument: Argument<Value>) -> [Value] {
        (argumentValues[argument.declaration.name] ?? []).compactMap { $0 as? Value }
    }
}
