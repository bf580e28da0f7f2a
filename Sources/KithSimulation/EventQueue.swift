/// A priority queue of timed events: a binary heap ordered by time, then by the order events were
/// scheduled, so that events at the same time run in a fixed order.
struct EventQueue<Event> {
    private struct Item {
        var time: UInt64
        var order: UInt64
        var event: Event
    }

    private var heap: [Item] = []
    private var nextOrder: UInt64 = 0

    /// Whether no event is waiting.
    var isEmpty: Bool { heap.isEmpty }

    /// The number of events waiting.
    var count: Int { heap.count }

    /// The time of the next event.
    var nextTime: UInt64? { heap.first?.time }

    /// Schedules `event` at `time`.
    mutating func schedule(_ event: Event, at time: UInt64) {
        heap.append(Item(time: time, order: nextOrder, event: event))
        nextOrder += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the earliest event.
    mutating func pop() -> (time: UInt64, event: Event)? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.precedes(heap[right], heap[smallest]) {
                    smallest = right
                }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (first.time, first.event)
    }

    private static func precedes(_ a: Item, _ b: Item) -> Bool {
        a.time == b.time ? a.order < b.order : a.time < b.time
    }
}
