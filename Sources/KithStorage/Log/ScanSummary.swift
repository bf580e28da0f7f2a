/// What the body of ``LogReader/forEachRecord(from:_:)`` tells the scan to do next.
public enum ScanControl: Sendable, Hashable {
    /// Go on to the next record.
    case `continue`
    /// Stop; the summary's ``ScanSummary/endOffset`` is just after this record.
    case stop
}

/// The outcome of a scan of the log (``LogReader/forEachRecord(from:_:)``).
public struct ScanSummary: Sendable, Hashable, CustomStringConvertible {
    /// The offset the scan was asked to start from.
    public var startOffset: LogOffset
    /// Where the scan stopped: just after the last record it delivered, or at the start of the
    /// partial tail. A later scan from here continues without repeating a record.
    public var endOffset: LogOffset
    /// How many records were delivered to the body.
    public var recordCount: Int
    /// Corrupt regions found, in log order.
    public var corruptRegions: [CorruptRegion]
    /// Segment files skipped as a whole.
    public var damagedSegments: [DamagedSegment]
    /// Bytes after the last sound record of the last segment: a record still being written, or a
    /// torn tail that the next writer will cut. Not corruption.
    public var partialTail: TornTail?
    /// Whether the body stopped the scan before the end of the log.
    public var stoppedEarly: Bool

    /// A summary of a scan that has not found anything yet.
    public init(startOffset: LogOffset) {
        self.startOffset = startOffset
        self.endOffset = startOffset
        self.recordCount = 0
        self.corruptRegions = []
        self.damagedSegments = []
        self.partialTail = nil
        self.stoppedEarly = false
    }

    /// Whether the scan found no corrupt region and no damaged segment.
    public var isClean: Bool { corruptRegions.isEmpty && damagedSegments.isEmpty }

    /// One line per finding, for example "read 12 records up to log offset 2048; corrupt region of
    /// 37 bytes at log offset 1234".
    public var description: String {
        var parts = [
            "read \(recordCount) records from log offset \(startOffset) up to log offset \(endOffset)"
        ]
        parts += corruptRegions.map(\.description)
        parts += damagedSegments.map(\.description)
        if let partialTail { parts.append("partial tail (not yet written): \(partialTail)") }
        if stoppedEarly { parts.append("stopped early") }
        return parts.joined(separator: "; ")
    }
}
