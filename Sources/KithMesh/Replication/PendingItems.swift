import KithCore

/// The chains whose clock item a session still has to send the peer, in the order they became
/// due, each once. A **request** (the push flag this node wants changed, or an answer the peer
/// needs) is due at once and always sent; a **note** (the node's head moved) is due at the time
/// given and sent only if the peer is still behind when it goes out.
struct PendingItems: Sendable {
    private var order: [ChainKey] = []
    private var items: [ChainKey: (request: Bool, due: UInt64)] = [:]
    /// The earliest `due` among the items (nil when none): lets ``drain(dueBy:)`` return at once
    /// when nothing is due, which is most of the times a session is pumped.
    private(set) var nextDue: UInt64?

    /// Whether nothing is pending.
    var isEmpty: Bool { order.isEmpty }

    /// Adds `chain`, due at `due`; an item already pending keeps the earlier time, and a request
    /// stays a request.
    mutating func insert(_ chain: ChainKey, request: Bool, due: UInt64) {
        nextDue = min(nextDue ?? due, due)
        if let current = items[chain] {
            items[chain] = (current.request || request, min(current.due, due))
            return
        }
        items[chain] = (request, due)
        order.append(chain)
    }

    /// Takes the items due at `now`, in order, with whether each is a request; the others stay.
    mutating func drain(dueBy now: UInt64) -> [(chain: ChainKey, request: Bool)] {
        guard let earliest = nextDue, earliest <= now else { return [] }
        var taken: [(chain: ChainKey, request: Bool)] = []
        var kept: [ChainKey] = []
        var keptDue: UInt64?
        for chain in order {
            guard let item = items[chain] else { continue }
            if item.due <= now {
                taken.append((chain, item.request))
                items[chain] = nil
            } else {
                kept.append(chain)
                keptDue = min(keptDue ?? item.due, item.due)
            }
        }
        order = kept
        nextDue = keptDue
        return taken
    }
}
