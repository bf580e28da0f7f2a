import KithCore

/// The chains whose clock item a session still has to send the peer, in the order they became
/// due, each once. A **request** (the push flag this node wants changed, or an answer the peer
/// needs) is always sent; a **note** (the node's head moved) only if the peer is still behind when
/// the items go out.
struct PendingItems: Sendable {
    private var order: [ChainKey] = []
    private var requested: [ChainKey: Bool] = [:]

    /// Whether nothing is pending.
    var isEmpty: Bool { order.isEmpty }

    /// Adds `chain`; a request stays a request.
    mutating func insert(_ chain: ChainKey, request: Bool) {
        if let current = requested[chain] {
            if request && !current { requested[chain] = true }
            return
        }
        requested[chain] = request
        order.append(chain)
    }

    /// Takes everything pending, in order, with whether each is a request.
    mutating func drain() -> [(chain: ChainKey, request: Bool)] {
        defer {
            order.removeAll(keepingCapacity: true)
            requested.removeAll(keepingCapacity: true)
        }
        return order.map { ($0, requested[$0] ?? false) }
    }
}
