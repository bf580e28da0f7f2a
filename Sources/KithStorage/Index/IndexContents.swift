import KithCore

/// What the files of an index directory hold, read without mapping or changing them: for
/// `kith-log check-index`, which compares them with the log.
///
/// Every file is read whole with plain reads, so a writer that has the index open is never
/// disturbed (what it has not synced yet may be missing).
public struct IndexContents: Sendable {
    /// One record of the entry table (see ``EntryTable``).
    public struct EntryRecord: Sendable, Hashable {
        /// The log offset of the entry's record.
        public var logOffset: UInt64
        /// The first 8 bytes of the entry's id, as a big-endian number.
        public var idPrefix: UInt64
        /// The ordinal of the previous entry of the chain, if linked.
        public var chainPrevious: UInt64?
        /// Whether the entry is held as a fork proof.
        public var isFork: Bool
    }

    /// The entry table's header.
    public struct Header: Sendable, Hashable {
        /// Whether the table says it was checkpointed cleanly (1), or is being written (2).
        public var state: UInt64
        /// The number of indexed entries.
        public var count: UInt64
        /// The log offset the index says it covers.
        public var coveredLogEnd: UInt64

        /// Whether the header says the index was closed cleanly.
        public var isClean: Bool { state == EntryTable.State.clean.rawValue }
    }

    /// The heads snapshot (`heads.kidx`), when it decodes and its checksum matches.
    public struct Heads: Sendable {
        /// The log offset the snapshot says it covers.
        public var coveredLogEnd: UInt64
        /// The number of entries it says are indexed.
        public var entryCount: UInt64
        /// Each chain's head, as the index holds it.
        public var chains: [ChainKey: ChainState]
    }

    /// Why a file could not be read, one sentence each (a missing file, a bad header).
    public private(set) var fileProblems: [String] = []
    /// The entry table's header, if the table could be read.
    public private(set) var header: Header?
    /// The entry table's records, by ordinal.
    public private(set) var records: [EntryRecord] = []
    /// The heads snapshot, if it decodes.
    public private(set) var heads: Heads?
    /// The id table's slots (`ordinal + 1`, 0 for empty), if it could be read.
    public private(set) var idSlots: [UInt64]?
    /// The number of ids the id table's header claims.
    public private(set) var idCount: UInt64?

    /// Reads the index in `directory` (`<home>/index`).
    public init(directory: String) {
        readEntryTable(directory + "/entries.kidx")
        readIDTable(directory + "/ids.kidx")
        let headsPath = directory + "/heads.kidx"
        if let bytes = readSmallFile(headsPath) {
            if let snapshot = HeadsSnapshot(decoding: bytes) {
                heads = Heads(
                    coveredLogEnd: snapshot.coveredLogEnd, entryCount: snapshot.entryCount,
                    chains: snapshot.chains)
            } else {
                fileProblems.append(
                    "\(headsPath): not a sound heads snapshot (bad checksum, or another format)")
            }
        } else {
            fileProblems.append("\(headsPath): missing or unreadable")
        }
    }

    /// The id prefix the index keeps for `id`: its first 8 bytes as a big-endian number.
    public static func idPrefix(of id: EntryID) -> UInt64 { LogIndex.prefix(of: id) }

    /// The ordinals the id table finds for `prefix`, probing as a lookup does.
    public func ordinals(forIDPrefix prefix: UInt64) -> [UInt64] {
        guard let idSlots, !idSlots.isEmpty else { return [] }
        let mask = UInt64(idSlots.count - 1)
        var slot = prefix & mask
        var found: [UInt64] = []
        for _ in 0..<idSlots.count {
            let word = idSlots[Int(slot)]
            if word == 0 { break }
            found.append(word - 1)
            slot = (slot + 1) & mask
        }
        return found
    }

    private mutating func readEntryTable(_ path: String) {
        guard let bytes = readSmallFile(path, limit: 1 << 40) else {
            fileProblems.append("\(path): missing or unreadable")
            return
        }
        guard bytes.count >= EntryTable.headerSize, Self.word(bytes, 0) == EntryTable.magic,
            Self.word(bytes, 8) == EntryTable.format
        else {
            fileProblems.append("\(path): unknown magic or format")
            return
        }
        let header = Header(
            state: Self.word(bytes, 16), count: Self.word(bytes, 24),
            coveredLogEnd: Self.word(bytes, 32))
        self.header = header
        let room = UInt64((bytes.count - EntryTable.headerSize) / EntryTable.recordSize)
        if header.count > room {
            fileProblems.append(
                "\(path): the header counts \(header.count) entries, the file has room for \(room)")
        }
        for ordinal in 0..<min(header.count, room) {
            let position = EntryTable.headerSize + Int(ordinal) * EntryTable.recordSize
            let chainWord = Self.word(bytes, position + 16)
            let link = chainWord & ~(0xFF << 56)
            records.append(
                EntryRecord(
                    logOffset: Self.word(bytes, position),
                    idPrefix: Self.word(bytes, position + 8),
                    chainPrevious: link == 0 ? nil : link - 1, isFork: chainWord >> 63 == 1))
        }
    }

    private mutating func readIDTable(_ path: String) {
        guard let bytes = readSmallFile(path, limit: 1 << 40) else {
            fileProblems.append("\(path): missing or unreadable")
            return
        }
        let capacity = bytes.count >= IDTable.headerSize ? Self.word(bytes, 8) : 0
        guard Self.word(bytes, 0) == IDTable.magic, capacity.nonzeroBitCount == 1,
            UInt64(IDTable.headerSize) + capacity * 8 <= UInt64(bytes.count)
        else {
            fileProblems.append("\(path): bad header")
            return
        }
        idCount = Self.word(bytes, 16)
        idSlots = (0..<Int(capacity)).map { Self.word(bytes, IDTable.headerSize + $0 * 8) }
    }

    /// The machine-order word at `offset` (the index files are written in machine byte order),
    /// 0 past the end.
    private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
    }
}
