/// How many frames of one session the node decodes in one turn of its loop (pure): a turn
/// normally takes everything buffered, but frames that queue no entry to store (a stranger's
/// entries over budget, a refused author's, messages other than entries) are cut short by count
/// and by bytes, so that a stranger flooding at line rate costs every other session only about a
/// millisecond per turn (tools/lab/bench-stranger).
struct FrameTurnBudget {
    /// The most frames decoded from one session in one turn: more than its input buffer can
    /// hold, so a turn normally takes everything buffered; the rest waits a turn.
    static let frames = 2_048
    /// The most frames that queue no entry: decoding a full input buffer of small ones took a
    /// turn of 10 to 25 ms here; 128 take about a millisecond. A peer's catch-up is not slowed:
    /// its entries are queued, and each batch still holds up to ``frames``.
    static let framesWithoutEntry = 128
    /// The most payload bytes of frames that queue no entry: 128 of the largest entries are
    /// 2 MiB to decrypt and drop, which made turns of 10 to 35 ms under a flood of them (shape
    /// `large`); 256 KiB keeps a turn near a millisecond whatever the entries' size.
    static let bytesWithoutEntry = 256 * 1024

    private var decoded = 0
    private var withoutEntry = 0
    private var bytesWithoutEntryUsed = 0

    /// Whether another frame may be decoded in this turn.
    var allowsMore: Bool {
        decoded < Self.frames && withoutEntry < Self.framesWithoutEntry
            && bytesWithoutEntryUsed < Self.bytesWithoutEntry
    }

    /// Counts a decoded frame of `byteCount` payload bytes, which queued an entry to store or
    /// not.
    mutating func record(byteCount: Int, queuedEntry: Bool) {
        decoded += 1
        guard !queuedEntry else { return }
        withoutEntry += 1
        bytesWithoutEntryUsed += byteCount
    }
}
