import KithCore

/// Remembers where the last walk along each chain ended, so catch-up that asks for a chain in
/// consecutive batches continues from there instead of walking back from the head each time.
///
/// Bounded: at most `capacity` chains are remembered; when full, the cache starts over.
struct ChainWalkCursors {
    struct Position {
        var sequence: UInt64
        var ordinal: UInt64
    }

    private var positions: [ChainKey: Position] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func position(of chain: ChainKey) -> Position? { positions[chain] }

    mutating func remember(_ position: Position, for chain: ChainKey) {
        if positions.count >= capacity && positions[chain] == nil {
            positions.removeAll(keepingCapacity: true)
        }
        positions[chain] = position
    }
}
