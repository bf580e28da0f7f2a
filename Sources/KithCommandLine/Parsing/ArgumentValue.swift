/// A type that a command-line value (of an option or a positional argument) converts to.
///
/// Conversion happens while parsing, so a bad value is a usage error (exit status 2) that names the
/// option and what was expected, before any command runs.
///
/// To accept a fixed set of words, declare a string enum:
///
///     enum OutputFormat: String, CaseIterable, ArgumentValue { case text, json }
public protocol ArgumentValue: Sendable {
    /// Converts the text the user typed, or returns nil when it is not a valid value.
    init?(argument: String)

    /// What a valid value looks like, for error messages: "an integer", "one of: text, json".
    static var expectedValueDescription: String { get }
}

extension String: ArgumentValue {
    /// Any text is a valid string.
    public init?(argument: String) { self = argument }

    /// Describes a string value.
    public static var expectedValueDescription: String { "text" }
}

extension Int: ArgumentValue {
    /// Parses a decimal integer, optionally signed.
    public init?(argument: String) { self.init(argument, radix: 10) }

    /// Describes an integer value.
    public static var expectedValueDescription: String { "an integer" }
}

extension UInt64: ArgumentValue {
    /// Parses a non-negative decimal integer.
    public init?(argument: String) {
        guard argument.first != "+" else { return nil }
        self.init(argument, radix: 10)
    }

    /// Describes a non-negative integer value.
    public static var expectedValueDescription: String { "a non-negative integer" }
}

extension UInt32: ArgumentValue {
    /// Parses a non-negative decimal integer below 2^32.
    public init?(argument: String) {
        guard argument.first != "+" else { return nil }
        self.init(argument, radix: 10)
    }

    /// Describes a 32-bit non-negative integer value.
    public static var expectedValueDescription: String { "a non-negative integer below 4294967296" }
}

extension UInt16: ArgumentValue {
    /// Parses a non-negative decimal integer below 65536 (a port number, for example).
    public init?(argument: String) {
        guard argument.first != "+" else { return nil }
        self.init(argument, radix: 10)
    }

    /// Describes a 16-bit non-negative integer value.
    public static var expectedValueDescription: String { "an integer from 0 to 65535" }
}

extension Double: ArgumentValue {
    /// Parses a finite decimal number.
    public init?(argument: String) {
        guard let value = Double(argument), value.isFinite else { return nil }
        self = value
    }

    /// Describes a number value.
    public static var expectedValueDescription: String { "a number" }
}

extension ArgumentValue where Self: CaseIterable & RawRepresentable, RawValue == String {
    /// Accepts exactly the raw value of one of the cases.
    public init?(argument: String) { self.init(rawValue: argument) }

    /// Lists the accepted words.
    public static var expectedValueDescription: String {
        "one of: " + allCases.map(\.rawValue).joined(separator: ", ")
    }
}
