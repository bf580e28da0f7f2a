/// An open-addressing hash table from entry id to ordinal, kept in a mapped file.
///
/// Slots hold `ordinal + 1` (0 is empty) and are probed linearly from the id's first 8 bytes. A slot
/// only says "this ordinal's id starts the same way": callers compare with the `EntryTable`'s id
/// prefix and, where exactness matters, with the entry itself. The table doubles when half full,
/// so a lookup touches about two slots.
///
/// File layout (machine byte order, private): a 64-byte header — magic, capacity, count — then
/// `capacity` 8-byte slots.
final class IDTable {
    static let magic: UInt64 = 0x3153_4449_4854_494B  // "KITHIDS1" as a little-endian word
    static let headerSize = 64
    static let initialCapacity: UInt64 = 1 << 12

    private var file: MappedFile
    private let path: String

    /// Opens or creates the table at `path`.
    init(path: String) throws(IndexError) {
        self.path = path
        file = try Self.openFile(path: path, capacity: Self.initialCapacity)
    }

    private static func openFile(path: String, capacity: UInt64) throws(IndexError) -> MappedFile {
        let file = try MappedFile(path: path, minimumSize: headerSize + Int(capacity) * 8)
        if file.loadWord(at: 0) == 0 {
            file.storeWord(magic, at: 0)
            file.storeWord(capacity, at: 8)
            file.storeWord(0, at: 16)
        }
        let stored = file.loadWord(at: 8)
        guard file.loadWord(at: 0) == magic, stored.nonzeroBitCount == 1,
            headerSize + Int(clamping: stored) * 8 <= file.size
        else { throw .damaged(path, reason: "bad header") }
        return file
    }

    /// The number of ids in the table.
    var count: UInt64 { file.loadWord(at: 16) }
    private var capacity: UInt64 { file.loadWord(at: 8) }

    /// Calls `body` with each ordinal whose id starts with `prefix`, until it returns true.
    /// Returns the ordinal for which `body` returned true.
    func firstOrdinal(withPrefix prefix: UInt64, where body: (UInt64) -> Bool) -> UInt64? {
        let mask = capacity - 1
        var slot = prefix & mask
        while true {
            let word = file.loadWord(at: Self.headerSize + Int(slot) * 8)
            if word == 0 { return nil }
            if body(word - 1) { return word - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Grows the table now if one more id would make it more than half full, so that the next
    /// `insert` cannot fail.
    func makeRoomForOneMore(prefixOf: (UInt64) -> UInt64) throws(IndexError) {
        if (count + 1) * 2 > capacity {
            try grow(prefixOf: prefixOf)
        }
    }

    /// Adds `ordinal` under `prefix`. `prefixOf` gives the id prefix of any ordinal already held
    /// (needed when the table grows).
    func insert(
        ordinal: UInt64, prefix: UInt64, prefixOf: (UInt64) -> UInt64
    ) throws(IndexError) {
        try makeRoomForOneMore(prefixOf: prefixOf)
        place(ordinal: ordinal, prefix: prefix)
        file.storeWord(count + 1, at: 16)
    }

    private func place(ordinal: UInt64, prefix: UInt64) {
        let mask = capacity - 1
        var slot = prefix & mask
        while file.loadWord(at: Self.headerSize + Int(slot) * 8) != 0 {
            slot = (slot + 1) & mask
        }
        file.storeWord(ordinal + 1, at: Self.headerSize + Int(slot) * 8)
    }

    /// Rebuilds the table at twice the capacity from the entry table and swaps it in atomically.
    private func grow(prefixOf: (UInt64) -> UInt64) throws(IndexError) {
        let newCapacity = capacity * 2
        let temporaryPath = path + ".grow"
        unlinkIgnoringErrors(temporaryPath)
        let bigger = try Self.openFile(path: temporaryPath, capacity: newCapacity)
        let mask = newCapacity - 1
        var inserted: UInt64 = 0
        for slot in 0..<capacity {
            let word = file.loadWord(at: Self.headerSize + Int(slot) * 8)
            guard word != 0 else { continue }
            var target = prefixOf(word - 1) & mask
            while bigger.loadWord(at: Self.headerSize + Int(target) * 8) != 0 {
                target = (target + 1) & mask
            }
            bigger.storeWord(word, at: Self.headerSize + Int(target) * 8)
            inserted += 1
        }
        bigger.storeWord(inserted, at: 16)
        try renameReplacing(from: temporaryPath, to: path)
        file = bigger
    }

    /// Makes every slot durable.
    func sync() throws(IndexError) { try file.sync() }
}
