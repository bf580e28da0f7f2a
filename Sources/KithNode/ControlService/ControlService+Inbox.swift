import KithControl
import KithCore
import KithStorage

extension ControlService {
    /// The most private entries one `inbox` request examines, newest first: a relay holds many it
    /// cannot open, and the answer must stay bounded.
    static let inboxExaminedLimit = 10_000
    /// The most private entries examined in one turn of the loop: trying to open one costs an
    /// X25519 multiplication, so a long walk is cut into steps with other work between them.
    static let inboxExaminedPerTurn = 200

    /// Where an `inbox` walk is between turns of the loop.
    struct InboxWalk {
        let community: CommunityID
        let limit: Int
        /// The ordinal of the next private entry to examine; nil when none is left.
        var next: UInt64?
        var examined = 0
        var found: [(entry: Entry, opened: ControlPrivateMessage?)] = []

        var isDone: Bool {
            next == nil || found.count >= limit || examined >= ControlService.inboxExaminedLimit
        }
    }

    /// `inbox`: the latest private messages of a community that this node sent or received,
    /// opened, oldest first; those of blocked authors are left out (Protocol/control.md). The
    /// walk takes ``inboxExaminedPerTurn`` entries per turn of the loop and answers through
    /// `later`; an invalid request is answered at once.
    func answerInbox(
        in requested: CommunityID?, limit: Int, later: @escaping (ControlResponse) -> Void
    ) throws(ControlRequestError) -> ControlResponse? {
        let community = try controlCommunity(requested)
        let walk = InboxWalk(
            community: community, limit: limit, next: store.latestPrivateOrdinal(in: community))
        return answerInSteps(walk, later: later) { [unowned self] walk in
            self.continueInbox(&walk)
        }
    }

    /// Examines the next step of `walk`; returns the answer when the walk is done.
    private func continueInbox(_ walk: inout InboxWalk) -> ControlResponse? {
        if let next = walk.next {
            let step = min(
                Self.inboxExaminedPerTurn, Self.inboxExaminedLimit - walk.examined)
            let page: (entries: [Entry], next: UInt64?)
            do {
                page = try store.privateEntries(in: walk.community, from: next, limit: step)
            } catch {
                return .failed("cannot read the log: \(error)")
            }
            walk.next = page.next
            for entry in page.entries where walk.found.count < walk.limit {
                walk.examined += 1
                // Each entry is opened once: what opens is this node's, and is sent as opened.
                if !isBlocked(entry.author), let opened = openedPrivateMessage(entry) {
                    walk.found.append((entry, opened))
                }
            }
        }
        guard walk.isDone else { return nil }
        return .entryList(controlEntries(walk.found.reversed()))
    }
}
