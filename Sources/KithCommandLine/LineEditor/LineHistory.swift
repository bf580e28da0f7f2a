/// Submitted lines, oldest first, with a browsing position for Up/Down. Bounded: the oldest
/// lines are dropped beyond ``maximumCount``.
struct LineHistory: Sendable, Equatable {
    /// The most lines kept.
    let maximumCount: Int
    /// The lines, oldest first.
    private(set) var lines: [String]
    /// The line being shown while browsing; nil when editing the draft.
    private var position: Int?
    /// The text that was being typed before browsing started.
    private var draft = ""

    init(maximumCount: Int, lines: [String]) {
        self.maximumCount = max(maximumCount, 0)
        self.lines = Array(lines.filter { !$0.isEmpty }.suffix(self.maximumCount))
    }

    /// Records a submitted line (not empty lines, nor a repeat of the newest) and stops browsing.
    mutating func record(_ line: String) {
        position = nil
        draft = ""
        guard !line.isEmpty, maximumCount > 0, lines.last != line else { return }
        lines.append(line)
        if lines.count > maximumCount { lines.removeFirst(lines.count - maximumCount) }
    }

    /// The older line to show, or nil when there is none. `current` is the text on screen.
    mutating func older(current: String) -> String? {
        switch position {
        case nil:
            guard !lines.isEmpty else { return nil }
            draft = current
            position = lines.count - 1
        case let index?:
            guard index > 0 else { return nil }
            position = index - 1
        }
        return position.map { lines[$0] }
    }

    /// The newer line to show (the saved draft after the newest), or nil when not browsing.
    mutating func newer() -> String? {
        guard let index = position else { return nil }
        if index + 1 < lines.count {
            position = index + 1
            return lines[index + 1]
        }
        position = nil
        return draft
    }
}
