/// The type-erased description of one option, as a command's configuration lists it.
///
/// Build declarations with ``Flag`` and ``Option``; the parser and the help text read this form.
public struct OptionDeclaration: Sendable {
    /// Whether the option is a flag or takes a value.
    public enum Kind: Sendable, Equatable {
        /// Present or absent: `--json`.
        case flag
        /// Takes a value, as `--channel NAME` or `--channel=NAME`; `isRepeatable` allows it more than once.
        case value(valueName: String, isRepeatable: Bool)
    }

    /// The long name without dashes: `channel` for `--channel`.
    public let name: String
    /// An optional one-letter alias without the dash: `c` for `-c`.
    public let shortName: Character?
    /// Whether the option is a flag or takes a value.
    public let kind: Kind
    /// One sentence for the help text.
    public let help: String
    /// How the default value is shown in the help text, if the option has one.
    public let defaultValueDescription: String?
    /// What a valid value looks like, for error messages.
    let expectedValueDescription: String
    /// Converts a raw value to the declared type, or nil when it is invalid.
    let convert: @Sendable (String) -> (any Sendable)?

    /// `--name`, as the user types it.
    public var spelling: String { "--" + name }

    /// `--name VALUE` or `--name` (for a flag), as usage lines show it.
    public var synopsis: String {
        switch kind {
        case .flag: spelling
        case .value(let valueName, _): spelling + " " + valueName
        }
    }
}

/// Anything a command configuration accepts as an option: a ``Flag`` or an ``Option``.
public protocol DeclaredOption: Sendable {
    /// The type-erased description the parser works from.
    var declaration: OptionDeclaration { get }
}

/// A flag: an option that is present or absent, such as `--json`.
///
/// Declare it as a static constant of the command and read it back from ``ParsedArguments``:
///
///     static let json = Flag("json", help: "Print one JSON object per line.")
///     json = arguments.isSet(Self.json)
public struct Flag: DeclaredOption {
    /// The type-erased description the parser works from.
    public let declaration: OptionDeclaration

    /// Declares `--name` (and `-short` when given).
    public init(_ name: String, short: Character? = nil, help: String) {
        declaration = OptionDeclaration(
            name: name,
            shortName: short,
            kind: .flag,
            help: help,
            defaultValueDescription: nil,
            expectedValueDescription: "",
            convert: { _ in true }
        )
    }
}

/// An option that takes a value of type `Value`, such as `--channel NAME` or `--limit=50`.
///
///     static let since = Option<String>("since", valueName: "TIME", help: "Show entries after TIME.")
///     since = arguments.value(of: Self.since)
///
/// An option with a default is an ``OptionWithDefault``, read without `??`.
public struct Option<Value: ArgumentValue>: DeclaredOption {
    /// The type-erased description the parser works from.
    public let declaration: OptionDeclaration
    /// The value ``ParsedArguments/value(of:)-swift.method`` returns when the option is absent.
    public let defaultValue: Value?

    /// Declares `--name VALUE`.
    ///
    /// - Parameters:
    ///   - name: The long name without dashes.
    ///   - short: An optional one-letter alias.
    ///   - valueName: How the value appears in help text; defaults to the name in capitals.
    ///   - defaultValue: The value used when the option is absent; shown in the help text.
    ///   - isRepeatable: Whether the option may be given more than once (all values are kept).
    ///   - help: One sentence for the help text.
    public init(
        _ name: String,
        short: Character? = nil,
        valueName: String? = nil,
        defaultValue: Value? = nil,
        isRepeatable: Bool = false,
        help: String
    ) {
        self.defaultValue = defaultValue
        declaration = OptionDeclaration(
            name: name,
            shortName: short,
            kind: .value(valueName: valueName ?? name.uppercased(), isRepeatable: isRepeatable),
            help: help,
            defaultValueDescription: defaultValue.map { String(describing: $0) },
            expectedValueDescription: Value.expectedValueDescription,
            convert: { Value(argument: $0) }
        )
    }
}
