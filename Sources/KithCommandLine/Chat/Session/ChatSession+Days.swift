extension ChatSession {
    /// `action` (a message line of `timestamp`), after a `-- Friday 4 December 2026` line when
    /// the message shown before it fell on another day. Without a day label, only `action`.
    mutating func dated(_ action: ChatAction, at timestamp: UInt64) -> [ChatAction] {
        guard let dayLabel = configuration.dayLabel else { return [action] }
        let day = dayLabel(timestamp)
        defer { lastShownDay = day }
        guard let last = lastShownDay, last != day else { return [action] }
        return [notice(day), action]
    }
}
