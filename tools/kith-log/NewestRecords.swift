/// The last records of a scan, at most `capacity` of them, kept in a ring (pure): `dump -n N`.
struct NewestRecords {
    /// How many records are kept.
    let capacity: Int
    private var ring: [ScannedRecord] = []
    private var next = 0

    /// An empty ring that keeps `capacity` records (none when it is 0 or less).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        ring.reserveCapacity(min(self.capacity, 4096))
    }

    /// Adds the record read after every record added so far, dropping the oldest when full.
    mutating func add(_ record: ScannedRecord) {
        guard capacity > 0 else { return }
        if ring.count < capacity {
            ring.append(record)
        } else {
            ring[next] = record
        }
        next = (next + 1) % capacity
    }

    /// The records kept, the last added first.
    var newestFirst: [ScannedRecord] {
        guard ring.count == capacity else { return ring.reversed() }
        return Array((ring[next...] + ring[..<next]).reversed())
    }
}
