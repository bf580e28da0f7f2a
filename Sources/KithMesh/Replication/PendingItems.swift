import KithCore

/// The chains whose clock item a session still has to send the peer, in the order they became
/// due, each once. A **request** (the push flag this node wants changed, or an answer the peer
/// needs) is due at once and always sent; a **note** (the node's head moved) is due at the time
/// given and sent only if the peer is still behind when it goes out.
struct PendingItems: Sendable {
    private var order: [ChainKey] = []
    private var items: [ChainKey: (request: Bool, due: UInt64)] = [:]

    /// Whether nothing is pending.
    var isEmpty: Bool { order.isEmpty }

    /// The earliest time an item is due, if any.
    var nextDue: UInt64? { items.values.map(\.due).min() }

    /// Adds `chain`, due at `due`; an item already pending keeps the earlier time, and a request
    /// stays a request.
    mutating func insert(_ chain: ChainKey, request: Bool, due: UInt64) {
        if let current = items[chain] {
            items[chain] = (current.request || request, min(current.due, due))
            return
        }
        items[chain] = (request, due)
        order.append(chain)
    }

    /// Takes the items due at `now`, in order, with whether each is a request; the others stay.
    mutating func drain(dueBy now: UInt64) -> [(chain: ChainKey, request: Bool)] {
        var taken: [(chain: ChainKey, request: Bool)] = []
        var kept: [ChainKey] = []
        for chain in order {
            guard let item = items[chain] else { continue }
            if item.due <= now {
                taken.append((chain, item.request))
                items[chain] = nil
            } else {
                kept.append(chain)
            }
        }
        order = kept
        return taken
    }
}
