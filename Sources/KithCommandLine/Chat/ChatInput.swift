/// One line typed in `kith chat`, classified: a message to post, a command, or a mistake to
/// explain. A line is a command when it starts with `/`; `//` posts a literal `/`. Text with
/// line breaks (pasted into the chat's input line) is always a message, posted as it is.
public enum ChatInput: Hashable, Sendable {
    /// An empty or blank line: nothing to do.
    case empty
    /// Text to post to the current channel, exactly as typed (less one `/` for `//`).
    case message(String)
    /// A command whose arguments are valid.
    case command(SlashCommand)
    /// A line that is neither: a one-line explanation for the person, e.g.
    /// `unknown command /foo; /help lists commands`.
    case invalid(String)

    /// Classifies `line` (without its line ending).
    public static func parse(_ line: String) -> ChatInput {
        guard line.contains(where: { !$0.isWhitespace }) else { return .empty }
        guard !line.contains(where: \.isNewline) else { return .message(line) }
        guard line.hasPrefix("/") else { return .message(line) }
        let afterSlash = line.dropFirst()
        if afterSlash.hasPrefix("/") { return .message(String(afterSlash)) }
        let word = afterSlash.prefix(while: { !$0.isWhitespace })
        guard !word.isEmpty else {
            return .invalid("a command name must follow the /; /help lists commands")
        }
        guard let name = SlashCommandName(typed: word) else {
            return .invalid(unknownCommandExplanation(String(word)))
        }
        let arguments = ChatArguments(afterSlash.dropFirst(word.count))
        switch SlashCommandParser.parse(name, arguments) {
        case .success(let command): return .command(command)
        case .failure(let mistake): return .invalid(mistake.explanation)
        }
    }

    /// `unknown command /hel; did you mean /help? /help lists commands`.
    static func unknownCommandExplanation(_ word: String) -> String {
        let known = SlashCommandName.allCases.flatMap { [$0.rawValue] + $0.aliases }
        let typed = word.lowercased()
        let hint =
            SpellingSuggestion.closest(to: typed, among: known)
            .flatMap { SlashCommandName(typed: $0) }
            .map { " did you mean \($0)?" } ?? ""
        return "unknown command /\(word);\(hint) /help lists commands"
    }
}
