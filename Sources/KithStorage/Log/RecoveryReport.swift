/// What ``SegmentedLog/open(directory:options:trustedEnd:)`` found and did while opening a log.
///
/// Only the last segment is scanned record by record (from the trusted end on, when one is given);
/// sealed segments get a header check only, for speed. Use ``LogReader/forEachRecord(from:_:)`` to
/// check the whole log.
public struct RecoveryReport: Sendable, Hashable, CustomStringConvertible {
    /// The log's end after recovery: where the next record goes.
    public var endOffset: LogOffset
    /// The log offset where the record-by-record scan of the last segment began.
    public var scannedFrom: LogOffset
    /// How many sound records the scan of the last segment passed.
    public var recordsScanned: Int
    /// The torn tail cut from the last segment (the file was truncated and fsynced), if any.
    public var tornTailCut: TornTail?
    /// Corrupt regions found in the scanned range, and offsets missing between segment files. They
    /// are left in place.
    public var corruptRegions: [CorruptRegion]
    /// Segment files skipped as a whole; they are left in place.
    public var damagedSegments: [DamagedSegment]
    /// Whether the `trustedEnd` passed to `open` could not be used (it was past the end of the log,
    /// or no record started there), so the whole last segment was scanned instead. A derived index
    /// that passed it is out of step with the log and should be rebuilt.
    public var trustedEndRejected: Bool
    /// Leftover temporary segment files (`*.kseg.tmp`, from a crash while starting a segment) that
    /// were removed; they held no record.
    public var removedTemporaryFiles: [String]
    /// The base offset of a segment created by this open (a new log, or a new segment after a
    /// damaged last segment), if any.
    public var createdSegment: LogOffset?

    /// A report of an open that found nothing to do yet.
    public init(endOffset: LogOffset) {
        self.endOffset = endOffset
        self.scannedFrom = endOffset
        self.recordsScanned = 0
        self.tornTailCut = nil
        self.corruptRegions = []
        self.damagedSegments = []
        self.trustedEndRejected = false
        self.removedTemporaryFiles = []
        self.createdSegment = nil
    }

    /// Whether the open found no torn tail, corrupt region or damaged segment, and could use the
    /// trusted end it was given.
    public var isClean: Bool {
        tornTailCut == nil && corruptRegions.isEmpty && damagedSegments.isEmpty
            && !trustedEndRejected
    }

    /// One clause per finding, for example "cut a torn tail of 37 bytes at log offset 1234".
    public var description: String {
        var parts: [String] = []
        if let createdSegment { parts.append("created segment at log offset \(createdSegment)") }
        if trustedEndRejected {
            parts.append(
                "the trusted end was not a record boundary of the log; scanned the whole last segment"
            )
        }
        parts.append("scanned \(recordsScanned) records from log offset \(scannedFrom)")
        if let tornTailCut {
            parts.append(
                "cut a torn tail of \(tornTailCut.size) bytes at log offset \(tornTailCut.offset)")
        }
        parts += corruptRegions.map(\.description)
        parts += damagedSegments.map(\.description)
        if !removedTemporaryFiles.isEmpty {
            parts.append(
                "removed leftover temporary files \(removedTemporaryFiles.joined(separator: ", "))")
        }
        parts.append("log ends at log offset \(endOffset)")
        return parts.joined(separator: "; ")
    }
}
