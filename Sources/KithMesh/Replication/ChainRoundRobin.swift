import KithCore

/// The chains a session still has to catch a peer up on, served in turn: each chain is in the
/// queue at most once, so its size is bounded by the number of chains the node holds.
struct ChainRoundRobin: Sendable {
    private var queue: [ChainKey] = []
    private var head = 0
    private var members: Set<ChainKey> = []

    /// The number of chains waiting.
    var count: Int { members.count }

    /// Whether no chain is waiting.
    var isEmpty: Bool { members.isEmpty }

    /// Adds `chain` at the back, unless it is already waiting.
    mutating func insert(_ chain: ChainKey) {
        guard members.insert(chain).inserted else { return }
        queue.append(chain)
    }

    /// Takes the chain at the front.
    mutating func popFirst() -> ChainKey? {
        guard head < queue.count else { return nil }
        let chain = queue[head]
        head += 1
        members.remove(chain)
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1_024, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return chain
    }
}
