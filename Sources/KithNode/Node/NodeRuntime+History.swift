import KithCore
import KithStorage

extension NodeRuntime {
    /// The number of posts `history` returns when the request gives no `limit`.
    static let defaultHistoryLimit = 50
    /// The limits a `history` request may ask for.
    static let historyLimits = 1...1_000

    /// `history`: the latest posts of a channel, oldest first (Protocol/control.md).
    func answerHistory(_ request: ControlRequest) -> ControlResponse {
        let channel: ChannelKey
        let limit: Int
        do throws(ControlRequestError) {
            let community = try controlCommunity(request.community)
            channel = ChannelKey(
                community: community, channel: try controlChannel(request.channel ?? "general"))
            limit = try controlLimit(
                request.limit, default: Self.defaultHistoryLimit, allowed: Self.historyLimits)
        } catch {
            return ControlResponse(error: "\(error)")
        }
        let posts: [Entry]
        do {
            posts = try store.recentPosts(in: channel, limit: limit)
        } catch {
            return ControlResponse(error: "cannot read the log: \(error)")
        }
        let entries = controlEntries(posts.map { ($0, openedPrivateMessage($0)) })
        return ControlResponse(entries: entries)
    }

    /// A request's `limit`: `fallback` when absent, else checked against `allowed`.
    func controlLimit(_ requested: Int?, default fallback: Int, allowed: ClosedRange<Int>)
        throws(ControlRequestError) -> Int
    {
        let limit = requested ?? fallback
        guard allowed.contains(limit) else {
            throw .invalidField(
                "limit", "\(limit) is not from \(allowed.lowerBound) to \(allowed.upperBound)")
        }
        return limit
    }

    /// Entries as the control socket sends them, each with its opened private text (if any),
    /// the author's name looked up once per chain.
    func controlEntries(_ items: [(entry: Entry, opened: ControlPrivateMessage?)])
        -> [ControlEntry]
    {
        var names: [ChainKey: String?] = [:]
        return items.map { entry, opened in
            let name: String?
            if let known = names[entry.chain] {
                name = known
            } else {
                name = store.displayName(of: entry.chain)?.name
                names[entry.chain] = name
            }
            var result = ControlEntry(
                DeliveredEntry(entry: entry, authorName: name, isOwn: entry.author == localKey))
            result.privateMessage = opened
            return result
        }
    }

    /// The control form of `delivered`, with the opened text when it is a private message this
    /// node sent or received. The node's key stays here: the control server asks through a
    /// closure.
    func controlEntry(_ delivered: DeliveredEntry) -> ControlEntry {
        var result = ControlEntry(delivered)
        result.privateMessage = openedPrivateMessage(delivered.entry)
        return result
    }

    /// The opened text of `entry` when it is a private message for or from this node; nil for
    /// any other entry, and for a private message it cannot open (a relay sees only bytes).
    func openedPrivateMessage(_ entry: Entry) -> ControlPrivateMessage? {
        guard entry.contentType == .privateMessage,
            let opened = privateMessageOpener?.open(content: entry.content, authorKey: entry.author)
        else { return nil }
        return ControlPrivateMessage(
            sender: opened.sender.hex, recipient: opened.recipient.hex, text: opened.text)
    }
}
