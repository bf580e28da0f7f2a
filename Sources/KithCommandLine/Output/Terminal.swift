import KithSystem

/// What the program knows about where its output goes: terminals or not, and whether colour is
/// wanted. Build it with ``detect(environment:)`` in the program and with the initializer in tests.
public struct Terminal: Sendable, Equatable {
    /// Whether standard output is a terminal (not a pipe or file).
    public let standardOutputIsTerminal: Bool
    /// Whether standard error is a terminal.
    public let standardErrorIsTerminal: Bool
    /// Whether the environment forbids colour: `NO_COLOR` set to anything non-empty
    /// (https://no-color.org), or `TERM=dumb`.
    public let colorDisabledByEnvironment: Bool

    /// A description built from known facts (pure).
    public init(
        standardOutputIsTerminal: Bool, standardErrorIsTerminal: Bool, environment: [String: String]
    ) {
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colorDisabledByEnvironment = noColor || environment["TERM"] == "dumb"
    }

    /// Asks the system whether descriptors 1 and 2 are terminals.
    ///
    /// The corresponding C function is `isatty`.
    public static func detect(environment: [String: String]) -> Terminal {
        Terminal(
            standardOutputIsTerminal: FileDescriptor(rawValue: 1).isTerminal,
            standardErrorIsTerminal: FileDescriptor(rawValue: 2).isTerminal,
            environment: environment
        )
    }

    /// Whether text written to standard output may carry colour codes.
    public var colorsOnStandardOutput: Bool {
        standardOutputIsTerminal && !colorDisabledByEnvironment
    }

    /// Whether text written to standard error may carry colour codes.
    public var colorsOnStandardError: Bool {
        standardErrorIsTerminal && !colorDisabledByEnvironment
    }

    /// `text` wrapped in the style's escape codes when `enabled`, else unchanged.
    public static func styled(_ text: String, _ style: TextStyle, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// `text` styled for standard output (plain when colour is off there).
    public func styledForOutput(_ text: String, _ style: TextStyle) -> String {
        Self.styled(text, style, enabled: colorsOnStandardOutput)
    }

    /// `text` styled for standard error (plain when colour is off there).
    public func styledForError(_ text: String, _ style: TextStyle) -> String {
        Self.styled(text, style, enabled: colorsOnStandardError)
    }
}

/// A text style as an SGR escape parameter.
public enum TextStyle: String, Sendable, CaseIterable {
    /// Bold.
    case bold = "1"
    /// Dim (faint).
    case dim = "2"
    /// Red foreground.
    case red = "31"
    /// Green foreground.
    case green = "32"
    /// Yellow foreground.
    case yellow = "33"
    /// Blue foreground.
    case blue = "34"
    /// Magenta foreground.
    case magenta = "35"
    /// Cyan foreground.
    case cyan = "36"
}
