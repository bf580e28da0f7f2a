import KithControl
import KithCore
import KithStorage

extension ControlService {
    /// The most posts read and described in one turn of the loop.
    static let historyPostsPerTurn = 250

    /// Where a `history` walk is between turns of the loop.
    struct HistoryWalk {
        let channel: ChannelKey
        let limit: Int
        /// The ordinal of the next post to read; nil when none is left.
        var next: UInt64?
        /// The posts read so far, newest first by arrival, each with its place in the answer.
        var entries: [(order: EntryDisplayOrder, entry: ControlEntry)] = []
    }

    /// `history`: the latest posts of a channel to arrive, in ``EntryDisplayOrder``
    /// (Protocol/control.md), read
    /// ``historyPostsPerTurn`` per turn of the loop and answered through `later` when that takes
    /// more than one.
    func answerHistory(
        _ name: ChannelName, in requested: CommunityID?, limit: Int,
        later: @escaping (ControlResponse) -> Void
    ) throws(ControlRequestError) -> ControlResponse? {
        let channel = ChannelKey(community: try controlCommunity(requested), channel: name)
        let walk = HistoryWalk(
            channel: channel, limit: limit, next: store.latestPostOrdinal(in: channel))
        return answerInSteps(walk, later: later) { [unowned self] walk in
            self.continueHistory(&walk)
        }
    }

    /// Reads the next step of `walk`; returns the answer when the walk is done.
    private func continueHistory(_ walk: inout HistoryWalk) -> ControlResponse? {
        if let next = walk.next {
            let step = min(Self.historyPostsPerTurn, walk.limit - walk.entries.count)
            let page: (entries: [Entry], next: UInt64?)
            do {
                page = try store.posts(in: walk.channel, from: next, limit: step)
            } catch {
                return .failed("cannot read the log: \(error)")
            }
            walk.next = page.next
            // Posts of authors the user blocked or hid are left out (Protocol/control.md).
            let shown = page.entries.filter { !isBlocked($0.author) }
            let described = controlEntries(shown.map { ($0, openedPrivateMessage($0)) })
            walk.entries += zip(shown.map(EntryDisplayOrder.init), described).map {
                (order: $0, entry: $1)
            }
        }
        guard walk.next == nil || walk.entries.count >= walk.limit else { return nil }
        return .entryList(walk.entries.sorted { $0.order < $1.order }.map(\.entry))
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
    /// closure (``serve(_:)``).
    func controlEntry(_ delivered: DeliveredEntry) -> ControlEntry {
        var result = ControlEntry(delivered)
        result.privateMessage = openedPrivateMessage(delivered.entry)
        return result
    }
}
