import KithCore

/// The ids of the entries shown lately, so an entry that comes both in history and in the live
/// stream is shown once. Bounded: the oldest ids are forgotten first.
struct RecentEntryIDs: Sendable {
    /// How many ids are remembered.
    let capacity: Int
    private var members: Set<EntryID> = []
    private var order: [EntryID] = []
    private var next = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 1)
    }

    /// Remembers `id`; false when it was remembered already.
    mutating func insert(_ id: EntryID) -> Bool {
        guard !members.contains(id) else { return false }
        if order.count < capacity {
            order.append(id)
        } else {
            members.remove(order[next])
            order[next] = id
            next = (next + 1) % capacity
        }
        members.insert(id)
        return true
    }
}
