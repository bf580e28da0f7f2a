/// An option that always has a value: the one given, or the default it declares, so a command
/// reads it without a second copy of the default.
///
///     static let limit = OptionWithDefault<Int>(
///         "limit", valueName: "N", defaultValue: 50, help: "Show N entries.")
///     limit = arguments.value(of: Self.limit)
public struct OptionWithDefault<Value: ArgumentValue>: DeclaredOption {
    /// The option as the parser sees it (its default is shown in the help text).
    public let option: Option<Value>
    /// The value ``ParsedArguments/value(of:)-swift.method`` returns when the option is absent.
    public let defaultValue: Value

    /// The type-erased description the parser works from.
    public var declaration: OptionDeclaration { option.declaration }

    /// Declares `--name VALUE` with a default.
    ///
    /// - Parameters:
    ///   - name: The long name without dashes.
    ///   - short: An optional one-letter alias.
    ///   - valueName: How the value appears in help text; defaults to the name in capitals.
    ///   - defaultValue: The value used when the option is absent; shown in the help text.
    ///   - help: One sentence for the help text.
    public init(
        _ name: String,
        short: Character? = nil,
        valueName: String? = nil,
        defaultValue: Value,
        help: String
    ) {
        self.defaultValue = defaultValue
        option = Option(
            name, short: short, valueName: valueName, defaultValue: defaultValue, help: help)
    }
}

extension ParsedArguments {
    /// The option's value: the last one given, or its default.
    public func value<Value>(of option: OptionWithDefault<Value>) -> Value {
        value(of: option.option) ?? option.defaultValue
    }

    /// Every value given for the option, in command-line order (empty when it was not given: the
    /// default is not applied).
    public func values<Value>(of option: OptionWithDefault<Value>) -> [Value] {
        values(of: option.option)
    }
}
