/// A mistake in how a command was invoked. The runner prints it with a usage hint and exits 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Equatable {
        /// An option no command in the path declares; `suggestion` is a close spelling, if any.
        case unknownOption(String, suggestion: String?)
        /// An option that takes a value was last on the command line.
        case missingValue(option: String)
        /// A flag was given a value with `--flag=value`.
        case unexpectedValue(flag: String, value: String)
        /// A value did not convert to the declared type.
        case invalidValue(String, for: String, expected: String)
        /// A non-repeatable option was given more than once.
        case repeatedOption(String)
        /// A word that names no subcommand; `suggestion` is a close spelling, if any.
        case unknownSubcommand(String, suggestion: String?)
        /// A command group was invoked without a subcommand.
        case missingSubcommand
        /// A required positional argument was not given.
        case missingArgument(String)
        /// More positional values than the command takes.
        case unexpectedArgument(String)
        /// Anything else, in the command's own words (conflicting options, for example).
        case other(String)
    }

    /// What was wrong.
    public let reason: Reason
    /// The words that selected the command the mistake concerns, starting with the tool name.
    /// The runner fills it in when a command's initializer leaves it empty.
    public var commandPath: [String]

    /// A usage error about the command at `commandPath`.
    public init(_ reason: Reason, commandPath: [String] = []) {
        self.reason = reason
        self.commandPath = commandPath
    }

    /// A usage error in the command's own words.
    public init(_ message: String) {
        self.init(.other(message))
    }

    /// One line saying what was wrong.
    public var description: String {
        switch reason {
        case .unknownOption(let option, let suggestion):
            "unknown option '\(option)'" + Self.didYouMean(suggestion)
        case .missingValue(let option):
            "option '\(option)' needs a value"
        case .unexpectedValue(let flag, let value):
            "option '\(flag)' takes no value (got '\(value)')"
        case .invalidValue(let value, let name, let expected):
            "invalid value '\(value)' for \(name): expected \(expected)"
        case .repeatedOption(let option):
            "option '\(option)' was given more than once"
        case .unknownSubcommand(let word, let suggestion):
            "unknown command '\(word)'" + Self.didYouMean(suggestion)
        case .missingSubcommand:
            "missing command"
        case .missingArgument(let name):
            "missing argument \(name)"
        case .unexpectedArgument(let value):
            "unexpected argument '\(value)'"
        case .other(let message):
            message
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}
