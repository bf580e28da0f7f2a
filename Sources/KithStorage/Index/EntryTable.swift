/// The index's table of entries in log order: one fixed-size record per indexed entry.
///
/// The position of an entry in this table is its *ordinal*. Each record holds the entry's log
/// offset, the first 8 bytes of its id, and links to the previous entry of the same chain and of the
/// same channel, so a chain or a channel is walked backwards without scanning the log. A private
/// entry has no channel: its channel link names the previous private entry of its community.
///
/// File layout (machine byte order, private to this implementation):
/// a 64-byte header — magic, format, state, count, covered log end — then 40-byte records
/// `[log offset][id prefix][previous in chain | flags][previous in channel][next in chain]`, where a
/// link is `ordinal + 1` (0 means none). The forward chain link is filled in when the chain's next
/// entry is indexed, so catch-up can walk a chain forwards.
final class EntryTable {
    static let magic: UInt64 = 0x3158_4449_4854_494B  // "KITHIDX1" read as a little-endian word
    static let format: UInt64 = 2
    static let headerSize = 64
    static let recordSize = 40
    private static let forkFlag: UInt64 = 1 << 63
    private static let linkMask: UInt64 = ~(0xFF << 56)

    /// Whether the table was closed cleanly (every page synced) or may be stale.
    enum State: UInt64 {
        case clean = 1
        case dirty = 2
    }

    /// One indexed entry.
    struct Record: Equatable {
        var logOffset: UInt64
        var idPrefix: UInt64
        var chainPrevious: UInt64?
        var channelPrevious: UInt64?
        var isFork: Bool
        var chainNext: UInt64? = nil
    }

    private let file: MappedFile

    /// Opens or creates the table at `path`.
    init(path: String) throws(IndexError) {
        file = try MappedFile(path: path, minimumSize: Self.headerSize + 1024 * Self.recordSize)
        if file.loadWord(at: 0) == 0 {
            file.storeWord(Self.magic, at: 0)
            file.storeWord(Self.format, at: 8)
            file.storeWord(State.dirty.rawValue, at: 16)
            file.storeWord(0, at: 24)
            file.storeWord(0, at: 32)
        }
        guard file.loadWord(at: 0) == Self.magic, file.loadWord(at: 8) == Self.format else {
            throw .damaged(path, reason: "unknown magic or format")
        }
        guard Self.headerSize + Int(clamping: count) * Self.recordSize <= file.size else {
            throw .damaged(path, reason: "count beyond the end of the file")
        }
    }

    /// The number of entries indexed.
    var count: UInt64 { file.loadWord(at: 24) }

    /// The log offset up to which every record of the log has been indexed.
    var coveredLogEnd: UInt64 {
        get { file.loadWord(at: 32) }
        set { file.storeWord(newValue, at: 32) }
    }

    /// The state recorded in the header.
    var state: State? { State(rawValue: file.loadWord(at: 16)) }

    /// Records `state` in the header and makes it durable before returning.
    func markState(_ state: State) throws(IndexError) {
        file.storeWord(state.rawValue, at: 16)
        try file.sync()
    }

    /// Grows the file now if one more record would not fit, so that the next `append` cannot fail.
    func makeRoomForOneMore() throws(IndexError) {
        try file.ensureSize(Self.headerSize + Int(count + 1) * Self.recordSize)
    }

    /// Appends a record and returns its ordinal.
    func append(_ record: Record) throws(IndexError) -> UInt64 {
        let ordinal = count
        let position = Self.headerSize + Int(ordinal) * Self.recordSize
        try file.ensureSize(position + Self.recordSize)
        file.storeWord(record.logOffset, at: position)
        file.storeWord(record.idPrefix, at: position + 8)
        var chainWord = record.chainPrevious.map { $0 + 1 } ?? 0
        if record.isFork { chainWord |= Self.forkFlag }
        file.storeWord(chainWord, at: position + 16)
        file.storeWord(record.channelPrevious.map { $0 + 1 } ?? 0, at: position + 24)
        file.storeWord(0, at: position + 32)
        if let previous = record.chainPrevious, previous < ordinal {
            file.storeWord(ordinal + 1, at: Self.headerSize + Int(previous) * Self.recordSize + 32)
        }
        file.storeWord(ordinal + 1, at: 24)
        return ordinal
    }

    /// The record at `ordinal`, or nil when there is none.
    func record(at ordinal: UInt64) -> Record? {
        guard ordinal < count else { return nil }
        let position = Self.headerSize + Int(ordinal) * Self.recordSize
        let chainWord = file.loadWord(at: position + 16)
        let chainLink = chainWord & Self.linkMask
        let channelLink = file.loadWord(at: position + 24)
        let nextLink = file.loadWord(at: position + 32)
        return Record(
            logOffset: file.loadWord(at: position),
            idPrefix: file.loadWord(at: position + 8),
            chainPrevious: chainLink == 0 ? nil : chainLink - 1,
            channelPrevious: channelLink == 0 ? nil : channelLink - 1,
            isFork: chainWord & Self.forkFlag != 0,
            chainNext: nextLink == 0 ? nil : nextLink - 1
        )
    }

    /// The id prefix of the entry at `ordinal` (cheaper than a whole record).
    @inline(__always)
    func idPrefix(at ordinal: UInt64) -> UInt64 {
        file.loadWord(at: Self.headerSize + Int(ordinal) * Self.recordSize + 8)
    }

    /// Makes every record durable.
    func sync() throws(IndexError) { try file.sync() }
}
