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
            limit = request.limit ?? Self.defaultHistoryLimit
            guard Self.historyLimits.contains(limit) else {
                throw .invalidField(
                    "limit",
                    "\(limit) is not from \(Self.historyLimits.lowerBound) "
                        + "to \(Self.historyLimits.upperBound)")
            }
        } catch {
            return ControlResponse(error: "\(error)")
        }
        let posts: [Entry]
        do {
            posts = try store.recentPosts(in: channel, limit: limit)
        } catch {
            return ControlResponse(error: "cannot read the log: \(error)")
        }
        var names: [ChainKey: String?] = [:]
        let entries = posts.map { entry in
            let name: String?
            if let known = names[entry.chain] {
                name = known
            } else {
                name = store.displayName(of: entry.chain)?.name
                names[entry.chain] = name
            }
            return controlEntry(
                DeliveredEntry(entry: entry, authorName: name, isOwn: entry.author == localKey))
        }
        return ControlResponse(entries: entries)
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
            let opened = PrivateMessage.open(
                content: entry.content, authorKey: entry.author, with: identity)
        else { return nil }
        return ControlPrivateMessage(
            sender: opened.sender.hex, recipient: opened.recipient.hex, text: opened.text)
    }
}
