/// A line of the chat's settings file that could not be used: `chat.conf line 3: unknown
/// key 'colour'; the keys are autojoin, bell, timestamps`.
public struct ChatSettingsMistake: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a line.
    public enum Reason: Error, Sendable, Equatable {
        /// No `=` on the line.
        case notKeyValue
        /// A key the file does not know.
        case unknownKey(String)
        /// A value the key does not take.
        case badValue(key: String, value: String, expected: String)
        /// An autojoin item that is not a channel name.
        case badChannel(String, String)
        /// An autojoin item naming a community the node is not in (found when the chat
        /// starts); only that item is skipped.
        case unknownCommunity(String)
        /// The file exists but could not be read (line 0); the defaults apply.
        case unreadable(String)
    }

    /// The file, as named in the message.
    public let file: String
    /// The line (from 1).
    public let line: Int
    /// What is wrong.
    public let reason: Reason

    /// A mistake on `line` of `file`.
    public init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// The message; text from the file is escaped (``UntrustedText``).
    public var description: String {
        if case .unreadable(let why) = reason {
            return "\(UntrustedText.replaced(file)): cannot be read (\(why)); the defaults apply"
        }
        let outcome = isAboutOneItem ? "; that channel is not joined" : "; the line is ignored"
        return "\(UntrustedText.replaced(file)) line \(line): " + explanation + outcome
    }

    private var isAboutOneItem: Bool {
        if case .unknownCommunity = reason { true } else { false }
    }

    private var explanation: String {
        switch reason {
        case .notKeyValue:
            return "expected `key = value` (keys: \(ChatSettings.keys.joined(separator: ", ")))"
        case .unknownKey(let key):
            return "unknown key '\(UntrustedText.replaced(key))'; the keys are "
                + ChatSettings.keys.joined(separator: ", ")
        case .badValue(let key, let value, let expected):
            return "\(key) = '\(UntrustedText.replaced(value))': expected \(expected)"
        case .badChannel(let text, let why):
            return "autojoin: '\(UntrustedText.replaced(text))' is not a channel name: \(why)"
        case .unknownCommunity(let name):
            return "autojoin: you are in no community called '\(UntrustedText.replaced(name))'"
        case .unreadable(let why):
            return why
        }
    }
}
