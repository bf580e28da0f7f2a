extension ChatSession {
    /// `/away REASON`: marks the person away (again, with a new reason, keeps what was missed).
    mutating func goAway(_ reason: String) -> [ChatAction] {
        var state = away ?? ChatAway(reason: reason)
        state.reason = reason
        away = state
        return [
            .setPrompt(prompt),
            notice(
                "you are away (\(reason)); mentions and private messages are kept for when you "
                    + "are back (/away alone or /back); others do not see it"),
        ]
    }

    /// `/away` alone or `/back`: shows what called for the person meanwhile.
    mutating func comeBack() -> [ChatAction] {
        guard let state = away else { return [error("you are not away; /away REASON marks you")] }
        away = nil
        var actions: [ChatAction] = [.setPrompt(prompt)]
        guard !state.lines.isEmpty else {
            return actions + [notice("you are back; nothing called for you while you were away")]
        }
        let shown = state.mentions + state.privateMessages
        let kept = shown > state.lines.count ? " (the last \(state.lines.count))" : ""
        actions.append(
            notice("you are back; while you were away: \(state.countsText)\(kept):"))
        actions += state.lines.map { notice("  " + $0) }
        actions.append(notice("end of what you missed"))
        return actions
    }
}
