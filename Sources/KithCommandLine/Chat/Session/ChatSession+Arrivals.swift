import KithControl
import KithCore

extension ChatSession {
    /// One line to show, with what orders it.
    struct Shown {
        let order: EntryDisplayOrder
        let action: ChatAction

        var timestamp: UInt64 { order.timestamp }
    }

    /// Entries the node appended. Live ones are shown as they come; a batch holding entries
    /// older than what was already shown (catch-up after a split, a late joiner's backlog) is
    /// shown sorted by time under one heading, at most ``catchUpShown`` of them.
    mutating func arrived(_ entries: [ControlEntry]) -> [ChatAction] {
        var lines: [Shown] = []
        var calls = false
        var active = false
        for item in entries {
            guard shown.insert(item.entry.id), !blocked.contains(item.entry.author) else {
                continue
            }
            if noteActivity(item) { active = true }
            guard let line = display(item) else { continue }
            lines.append(line)
            guard callsForAttention(item) else { continue }
            calls = true
            if case .show(let output) = line.action {
                away?.missed(output.text, isPrivate: item.entry.contentType == .privateMessage)
            }
        }
        var actions = present(lines)
        if active { actions.append(.setPrompt(prompt)) }
        // On a terminal, a mention or a private message rings the bell once per batch.
        let rings = calls && configuration.isInteractive && configuration.settings.bell
        return rings ? actions + [.bell] : actions
    }

    /// Whether `item`, shown, calls for the person's attention: someone else's post that
    /// mentions their name, or a private message to them.
    func callsForAttention(_ item: ControlEntry) -> Bool {
        guard item.entry.author != configuration.ownKey else { return false }
        switch item.entry.decodedContent {
        case .post(let post): return mentionsReader(post.text)
        case .private: return item.privateMessage?.recipient == configuration.ownKey
        default: return false
        }
    }

    /// Sorts `lines`, shows the live ones and gathers the ones that arrived late: they are
    /// shown together under one heading once ``lateCollectionMilliseconds`` pass
    /// (``lateArrivalsCollected()``), however many batches they came in.
    private mutating func present(_ lines: [Shown]) -> [ChatAction] {
        let ordered = lines.sorted { $0.order < $1.order }
        let threshold = newestShown > Self.catchUpSlack ? newestShown - Self.catchUpSlack : 0
        let late = ordered.filter { $0.timestamp < threshold }
        let live = ordered.filter { $0.timestamp >= threshold }
        var actions: [ChatAction] = []
        for line in live { actions += dated(line.action, at: line.timestamp) }
        if !late.isEmpty {
            if pendingLate.isEmpty {
                actions.append(.collectLateArrivals(milliseconds: Self.lateCollectionMilliseconds))
            }
            pendingLate += late
        }
        if let last = live.last { newestShown = max(newestShown, last.timestamp) }
        return actions
    }

    /// Shows the late entries gathered so far, in reading order, under one heading.
    mutating func lateArrivalsCollected() -> [ChatAction] {
        let late = pendingLate.sorted { $0.order < $1.order }
        pendingLate.removeAll()
        guard !late.isEmpty else { return [] }
        let hidden = late.count - min(late.count, Self.catchUpShown)
        var heading =
            late.count == 1
            ? "1 earlier message arrived (catch-up)"
            : "\(late.count) earlier messages arrived (catch-up)"
        if hidden > 0 { heading += "; the last \(Self.catchUpShown), /history shows more" }
        var actions: [ChatAction] = [notice(heading + ":")]
        for line in late.suffix(Self.catchUpShown) {
            actions += dated(line.action, at: line.timestamp)
        }
        actions.append(notice("end of catch-up"))
        return actions
    }

    /// What `item` shows, if anything; learns names from it.
    private mutating func display(_ item: ControlEntry) -> Shown? {
        let entry = item.entry
        let inCommunity = entry.community == community.id
        if inCommunity, entry.contentType != .about {
            learn(entry.author, name: item.authorName, firstTimestamp: nil)
        }
        let line: String?
        switch entry.decodedContent {
        case .post(let post):
            guard inCommunity else { return nil }
            guard joinedChannels.contains(post.channel) else {
                unread[post.channel, default: 0] += 1
                return nil
            }
            line = postLine(entry: entry, post: post)
        case .about(let about):
            guard inCommunity else { return nil }
            line = nameChangeLine(entry: entry, name: about.name.name, current: item.authorName)
        case .private:
            guard let opened = item.privateMessage else { return nil }
            line = privateLine(entry: entry, opened: opened)
        case .topic(let topic):
            guard inCommunity, joinedChannels.contains(topic.channel) else { return nil }
            line = topicLine(entry: entry, topic: topic)
        case .unknown, .malformed:
            line = nil
        }
        guard let line else { return nil }
        return Shown(order: EntryDisplayOrder(entry), action: .show(.entry(item, line: line)))
    }

    /// `14:05 #general alice (3f2a-9c01): hello`.
    func postLine(entry: Entry, post: Post) -> String {
        let style = configuration.style
        let own = entry.author == configuration.ownKey
        let name =
            own
            ? style.own(label(entry.author)) : style.person(label(entry.author), key: entry.author)
        var text = UntrustedText.replaced(post.text, keepingLineBreaks: true).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .joined(separator: "\n    ")
        if !own, mentionsReader(post.text) { text = style.mention(text) }
        return "\(timePrefix(entry))\(post.channel) \(name): \(text)"
    }

    /// `14:05 [private] from alice (3f2a-9c01): hi` or `... to ...`.
    func privateLine(entry: Entry, opened: ControlPrivateMessage) -> String {
        let style = configuration.style
        let sent = opened.sender == configuration.ownKey
        let other = sent ? opened.recipient : opened.sender
        let place = entry.community == community.id ? "" : " in \(communityName(entry.community))"
        let tag = style.apply("[private\(place)]", .magenta)
        let direction = sent ? "to" : "from"
        let text = UntrustedText.replaced(opened.text, keepingLineBreaks: true).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .joined(separator: "\n    ")
        return
            "\(timePrefix(entry))\(tag) \(direction) \(style.person(label(other), key: other)): \(text)"
    }

    /// `14:05 -- anonymous (3f2a-9c01) is now known as alice (3f2a-9c01)`; nil when the name
    /// did not change. `current` is the name the node holds now: an older `about` arriving late
    /// does not bring back an old name.
    private mutating func nameChangeLine(entry: Entry, name: String, current: String?) -> String? {
        let before = people[entry.author]?.name
        let oldLabel = label(entry.author)
        let now = current ?? name
        learn(entry.author, name: now, firstTimestamp: nil)
        guard before != UntrustedText.replaced(now), now == name else { return nil }
        return configuration.style.apply(
            "\(timePrefix(entry))-- \(oldLabel) is now known as \(label(entry.author))", .dim)
    }

    /// `14:05 -- alice (3f2a-9c01) set the topic of #general: text`.
    private func topicLine(entry: Entry, topic: Topic) -> String {
        let who = label(entry.author)
        guard !topic.text.isEmpty else {
            return configuration.style.apply(
                "\(timePrefix(entry))-- \(who) cleared the topic of \(topic.channel)", .dim)
        }
        return configuration.style.apply(
            "\(timePrefix(entry))-- \(who) set the topic of \(topic.channel): "
                + UntrustedText.replaced(topic.text, keepingLineBreaks: true), .dim)
    }

    /// Whether `text` names the reader (its display name as a whole word, any case).
    func mentionsReader(_ text: String) -> Bool {
        guard let name = people[configuration.ownKey]?.name, !name.isEmpty else { return false }
        let needle = Array(name.lowercased())
        let haystack = Array(text.lowercased())
        guard needle.count <= haystack.count else { return false }
        let isWord = { (character: Character) in character.isLetter || character.isNumber }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            let end = start + needle.count
            let freeBefore = start == 0 || !isWord(haystack[start - 1])
            let freeAfter = end == haystack.count || !isWord(haystack[end])
            if freeBefore, freeAfter { return true }
        }
        return false
    }

    /// `14:05 ` (dimmed) before a line about `entry`; nothing when timestamps are off.
    private func timePrefix(_ entry: Entry) -> String {
        guard configuration.settings.timestamps else { return "" }
        return configuration.style.apply(configuration.timeLabel(entry.timestamp), .dim) + " "
    }

    func communityName(_ id: CommunityID) -> String {
        communities.first { $0.id == id }.map { shownName($0) } ?? String(id.hex.prefix(8))
    }
}
