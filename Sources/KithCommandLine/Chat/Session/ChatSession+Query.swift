import KithCore

extension ChatSession {
    /// `/query NAME`: lines typed now go to `key` as private messages (end-to-end encrypted,
    /// as with `/msg`), until `/query` alone, `/close`, `/join` or a change of community.
    mutating func openQuery(with key: PublicKey) -> [ChatAction] {
        guard key != configuration.ownKey else {
            return [error("a private conversation needs someone else")]
        }
        query = key
        return [
            .setPrompt(prompt),
            notice(
                "private conversation with \(label(key)): your lines go to them only; "
                    + "/query alone or /close returns to \(channel)"),
        ]
    }

    /// `/query` alone or `/close`: lines typed go to the channel again.
    mutating func closeQuery() -> [ChatAction] {
        guard let key = query else {
            return [error("no private conversation is open; /query NAME opens one")]
        }
        query = nil
        return [
            .setPrompt(prompt),
            notice("private conversation with \(label(key)) closed: back in \(channel)"),
        ]
    }

    /// How the prompt names the person of a private conversation: the name alone, or with a
    /// short fingerprint when it tells nobody apart (no name, or one someone took earlier).
    func queryName(_ key: PublicKey) -> String {
        guard let name = people[key]?.name, !name.isEmpty, !directory.reusesEarlierName(key)
        else {
            return label(key)
        }
        return name
    }
}
