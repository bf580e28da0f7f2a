/// The name of a scheduled timer, to cancel it.
public struct TimerID: Hashable, Sendable, Comparable {
    /// The timer's number; numbers increase in the order timers are scheduled.
    public let rawValue: UInt64

    /// Orders timers by when they were scheduled.
    public static func < (lhs: TimerID, rhs: TimerID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Deadlines in milliseconds of a monotonic clock, kept in a binary heap. Pure: the caller says
/// what time it is. Timers due at the same time fire in the order they were scheduled; a cancelled
/// timer never fires.
struct TimerQueue: Sendable {
    private struct Item: Sendable {
        let deadline: UInt64
        let id: TimerID

        func precedes(_ other: Item) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : id < other.id
        }
    }

    private var heap: [Item] = []
    private var active: Set<TimerID> = []
    private var nextNumber: UInt64 = 1

    /// The number of timers that will still fire.
    var count: Int { active.count }

    /// Schedules a timer at `deadline`.
    mutating func schedule(at deadline: UInt64) -> TimerID {
        let id = TimerID(rawValue: nextNumber)
        nextNumber += 1
        active.insert(id)
        heap.append(Item(deadline: deadline, id: id))
        siftUp(from: heap.count - 1)
        return id
    }

    /// Cancels `id`; a timer that already fired or was cancelled is ignored.
    mutating func cancel(_ id: TimerID) {
        active.remove(id)
        if active.isEmpty {
            heap.removeAll(keepingCapacity: true)
        }
    }

    /// The earliest deadline of a timer that will still fire.
    mutating func nextDeadline() -> UInt64? {
        dropCancelledHead()
        return heap.first?.deadline
    }

    /// Removes and returns the timers due at `now` or earlier, earliest first.
    mutating func popExpired(now: UInt64) -> [TimerID] {
        var expired: [TimerID] = []
        while true {
            dropCancelledHead()
            guard let head = heap.first, head.deadline <= now else { return expired }
            removeHead()
            active.remove(head.id)
            expired.append(head.id)
        }
    }

    private mutating func dropCancelledHead() {
        while let head = heap.first, !active.contains(head.id) {
            removeHead()
        }
    }

    private mutating func removeHead() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        siftDown(from: 0)
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
