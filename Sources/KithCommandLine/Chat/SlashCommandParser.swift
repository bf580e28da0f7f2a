import KithCore

/// Why a command's arguments were refused: a one-line explanation for the person.
struct ChatInputMistake: Error, Hashable, Sendable, CustomStringConvertible {
    /// The explanation, e.g. `/msg needs a name or fingerprint and a message`.
    let explanation: String

    var description: String { explanation }
}

/// Checks the arguments of each chat command.
enum SlashCommandParser {
    /// The command `name` with `arguments`, or why they do not fit it.
    static func parse(_ name: SlashCommandName, _ arguments: ChatArguments) -> Result<
        SlashCommand, ChatInputMistake
    > {
        do throws(ChatInputMistake) {
            return .success(try command(name, arguments))
        } catch {
            return .failure(error)
        }
    }

    private static func command(_ name: SlashCommandName, _ arguments: ChatArguments)
        throws(ChatInputMistake) -> SlashCommand
    {
        var arguments = arguments
        switch name {
        case .channels, .who, .peers, .status, .close, .back, .next:
            guard arguments.isEmpty else { throw mistake("\(name) takes no arguments", name) }
            switch name {
            case .channels: return .channels
            case .who: return .who
            case .status: return .status
            case .close: return .close
            case .back: return .back
            case .next: return .next
            default: return .peers
            }
        case .help:
            guard let word = arguments.nextWord() else { return .help(nil) }
            guard arguments.isEmpty else { throw mistake("/help takes one command name", name) }
            guard let topic = SlashCommandName(typed: word) else {
                throw ChatInputMistake(
                    explanation: ChatInput.unknownCommandExplanation(
                        word.hasPrefix("/") ? String(word.dropFirst()) : word))
            }
            return .help(topic)
        case .nick:
            guard let text = arguments.remainder else { throw mistake("/nick needs a name", name) }
            do {
                return .nick(try DisplayName(text))
            } catch {
                throw ChatInputMistake(explanation: "that name cannot be used: \(error)")
            }
        case .join:
            guard let word = arguments.nextWord() else {
                throw mistake("/join needs a channel", name)
            }
            guard arguments.isEmpty else { throw mistake("/join takes one channel", name) }
            return .join(try channel(word))
        case .part:
            guard let word = arguments.nextWord() else { return .part(nil) }
            guard arguments.isEmpty else { throw mistake("/part takes at most one channel", name) }
            return .part(try channel(word))
        case .topic:
            return .topic(arguments.remainder)
        case .whois, .block, .unblock:
            guard let person = arguments.remainder else {
                throw mistake("\(name) needs a name or fingerprint", name)
            }
            let query = unquoted(person)
            switch name {
            case .whois: return .whois(person: query)
            case .block:
                var rest = Substring(person)
                let flag = "--refuse"
                let refuse = rest.hasPrefix(flag) && rest.dropFirst(flag.count).first == " "
                if refuse { rest = rest.dropFirst(flag.count).drop { $0 == " " } }
                guard !rest.isEmpty, rest != flag else {
                    throw mistake("\(name) needs a name or fingerprint", name)
                }
                return .block(person: unquoted(String(rest)), refuse: refuse)
            default: return .unblock(person: query)
            }
        case .msg:
            guard let person = arguments.nextWord(), let text = arguments.remainder else {
                throw mistake("/msg needs a name or fingerprint and a message", name)
            }
            return .msg(person: person, text: text)
        case .away:
            return .away(reason: arguments.remainder)
        case .query:
            guard let person = arguments.nextWord() else { return .query(person: nil) }
            guard arguments.isEmpty else {
                throw mistake("/query takes one name or fingerprint; /msg sends a message", name)
            }
            return .query(person: person)
        case .me:
            guard let action = arguments.remainder else {
                throw mistake("/me needs an action, e.g. /me waves", name)
            }
            return .me(action: action)
        case .history:
            guard let word = arguments.nextWord() else {
                return .history(count: SlashCommand.defaultHistoryCount)
            }
            guard arguments.isEmpty, let count = Int(word),
                (1...SlashCommand.historyLimit).contains(count)
            else {
                throw mistake(
                    "/history takes a number from 1 to \(SlashCommand.historyLimit)", name)
            }
            return .history(count: count)
        case .community:
            return .community(try communityAction(&arguments))
        case .quit:
            return .quit(message: arguments.remainder)
        }
    }

    private static func communityAction(_ arguments: inout ChatArguments)
        throws(ChatInputMistake) -> ChatCommunityAction
    {
        let needs = "/community needs list, switch, create, join, leave or invite"
        guard let word = arguments.nextWord() else { throw mistake(needs, .community) }
        switch word.lowercased() {
        case "list":
            guard arguments.isEmpty else {
                throw mistake("/community list takes no arguments", .community)
            }
            return .list
        case "switch":
            return .switchTo(community: try communityName(&arguments, "switch"))
        case "invite":
            return .invite(community: arguments.remainder.map(unquoted))
        case "create":
            return .create(name: try communityName(&arguments, "create"))
        case "leave":
            return .leave(community: try communityName(&arguments, "leave"))
        case "join":
            guard let code = arguments.nextWord() else {
                throw mistake("/community join needs an invite code (kith1...)", .community)
            }
            guard arguments.isEmpty else {
                throw mistake("/community join takes one invite code", .community)
            }
            return .join(code: code)
        default:
            throw mistake("unknown /community action '\(word)'; \(needs)", .community)
        }
    }

    /// The community name after `/community ACTION`, quotes removed.
    private static func communityName(_ arguments: inout ChatArguments, _ action: String)
        throws(ChatInputMistake) -> String
    {
        guard let name = arguments.remainder else {
            throw mistake("/community \(action) needs a community name", .community)
        }
        return unquoted(name)
    }

    /// A channel as typed (`#general` or `general`), or why it is not a valid name.
    private static func channel(_ word: String) throws(ChatInputMistake) -> ChannelName {
        do {
            return try ChannelName(userInput: word)
        } catch {
            throw ChatInputMistake(explanation: "'\(word)' is not a channel name: \(error)")
        }
    }

    /// `"bob smith"` without its quotes; other text unchanged.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 3, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// A mistake whose explanation ends with the command's usage.
    private static func mistake(_ text: String, _ name: SlashCommandName) -> ChatInputMistake {
        ChatInputMistake(explanation: "\(text) (usage: \(name.usage))")
    }
}
