import KithCore

extension ChatSession {
    /// What Tab may put in place of the word before the cursor, in order, each with what follows
    /// it: a command name (`/join `) for a first word starting with `/`; a channel (`#general `)
    /// for a word starting with `#`, among those joined, listed by the node or with unread
    /// posts; otherwise a person's name known in this community, other than one's own, with
    /// `: ` after it as the first word (addressing them, like irssi) and a space elsewhere.
    /// Matching ignores case; an empty word completes nothing.
    public func completions(for request: LineCompletionRequest) -> [String] {
        let word = request.word.lowercased()
        guard !word.isEmpty else { return [] }
        if word.hasPrefix("/") {
            guard request.isFirstWord else { return [] }
            return SlashCommandName.allCases.map(\.description)
                .filter { $0.hasPrefix(word) }
                .map { $0 + " " }
        }
        if word.hasPrefix("#") {
            let channels = Set(
                joinedChannels + Array(unread.keys) + (listedChannels[community.id] ?? []))
            return channels.sorted()
                .map(\.description)
                .filter { $0.lowercased().hasPrefix(word) }
                .map { $0 + " " }
        }
        let names = Set(
            people.compactMap { key, record in
                key == configuration.ownKey ? nil : record.name
            })
        let suffix = request.isFirstWord ? ": " : " "
        return
            names
            .filter { $0.lowercased().hasPrefix(word) }
            .sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
            .map { $0 + suffix }
    }
}
