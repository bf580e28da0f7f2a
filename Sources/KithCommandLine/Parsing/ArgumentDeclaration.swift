/// How many positional values an argument takes.
public enum ArgumentArity: Sendable, Equatable {
    /// Exactly one value; missing it is a usage error.
    case required
    /// Zero or one value.
    case optional
    /// Any number of values, at least `minimum`. Only the last argument should be variadic.
    case variadic(minimum: Int)
}

/// The type-erased description of one positional argument.
public struct ArgumentDeclaration: Sendable {
    /// The name shown in usage, conventionally in capitals: `CODE`.
    public let name: String
    /// How many values the argument takes.
    public let arity: ArgumentArity
    /// One sentence for the help text.
    public let help: String
    /// What a valid value looks like, for error messages.
    let expectedValueDescription: String
    /// Converts a raw value to the declared type, or nil when it is invalid.
    let convert: @Sendable (String) -> (any Sendable)?

    /// `CODE`, `[CODE]`, `WORDS...` or `[WORDS...]`, as usage lines show it.
    public var synopsis: String {
        switch arity {
        case .required: name
        case .optional: "[\(name)]"
        case .variadic(let minimum): minimum > 0 ? "\(name)..." : "[\(name)...]"
        }
    }
}

/// Anything a command configuration accepts as a positional argument: an ``Argument``.
public protocol DeclaredArgument: Sendable {
    /// The type-erased description the parser works from.
    var declaration: ArgumentDeclaration { get }
}

/// A positional argument of type `Value`, such as the `CODE` of `kith community join CODE`.
///
///     static let code = Argument<String>("CODE", help: "The invitation code.")
///     code = arguments.value(of: Self.code) ?? ""
public struct Argument<Value: ArgumentValue>: DeclaredArgument {
    /// The type-erased description the parser works from.
    public let declaration: ArgumentDeclaration

    /// Declares a positional argument.
    public init(_ name: String, arity: ArgumentArity = .required, help: String) {
        declaration = ArgumentDeclaration(
            name: name,
            arity: arity,
            help: help,
            expectedValueDescription: Value.expectedValueDescription,
            convert: { Value(argument: $0) }
        )
    }
}
