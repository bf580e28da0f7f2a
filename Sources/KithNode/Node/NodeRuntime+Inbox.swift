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
            limit = request.limit ?? Self.defaultInboxLimit
            guard Self.inboxLimits.contains(limit) else {
                throw .invalidField(
                    "limit",
                    "\(limit) is not from \(Self.inboxLimits.lowerBound) "
                        + "to \(Self.inboxLimits.upperBound)")
            }
        } catch {
            return ControlResponse(error: "\(error)")
        }
        var found: [ControlEntry] = []
        var examined = 0
        var names: [ChainKey: String?] = [:]
        do {
            try store.walkPrivateEntries(in: community) { entry in
                examined += 1
                // Opening first tells which entries are this node's; only those are built.
                if !isBlocked(entry.author), openedPrivateMessage(entry) != nil {
                    let name: String?
                    if let known = names[entry.chain] {
                        name = known
                    } else {
                        name = store.displayName(of: entry.chain)?.name
                        names[entry.chain] = name
                    }
                    found.append(
                        controlEntry(
                            DeliveredEntry(
                                entry: entry, authorName: name, isOwn: entry.author == localKey)))
                }
                return found.count < limit && examined < Self.inboxExaminedLimit
            }
        } catch {
            return ControlResponse(error: "cannot read the log: \(error)")
        }
        return ControlResponse(entries: found.reversed())
    }
}
