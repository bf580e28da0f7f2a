import KithCore
import KithStorage

extension NodeRuntime {
    /// The number of private messages `inbox` returns when the request gives no `limit`.
    static let defaultInboxLimit = 20
    /// The limits an `inbox` request may ask for.
    static let inboxLimits = 1...200
    /// The most private entries one `inbox` request examines, newest first: a relay holds many it
    /// cannot open, and the answer must stay bounded.
    static let inboxExaminedLimit = 10_000

    /// `inbox`: the latest private messages of a community that this node sent or received,
    /// opened, oldest first; those of blocked authors are left out (Protocol/control.md).
    func answerInbox(_ request: ControlRequest) -> ControlResponse {
        let community: CommunityID
        let limit: Int
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
            limit = try controlLimit(
                request.limit, default: Self.defaultInboxLimit, allowed: Self.inboxLimits)
        } catch {
            return ControlResponse(error: "\(error)")
        }
        var found: [(entry: Entry, opened: ControlPrivateMessage?)] = []
        var examined = 0
        do {
            try store.walkPrivateEntries(in: community) { entry in
                examined += 1
                // Each entry is opened once: what opens is this node's, and is sent as opened.
                if !isBlocked(entry.author), let opened = openedPrivateMessage(entry) {
                    found.append((entry, opened))
                }
                return found.count < limit && examined < Self.inboxExaminedLimit
            }
        } catch {
            return ControlResponse(error: "cannot read the log: \(error)")
        }
        return ControlResponse(entries: controlEntries(found.reversed()))
    }
}
