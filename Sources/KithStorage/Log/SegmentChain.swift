/// Checks that segment files follow each other: each base offset is the previous segment's base
/// offset plus its file size (log.md, "Segments"). Pure: it is fed what the files hold.
///
/// A segment with a wrong header, or one that starts before the previous one ends, is rejected and
/// skipped as a whole. A segment that starts after the previous one ends is accepted; the offsets in
/// between are reported as missing data.
struct SegmentChain {
    /// The verdict on one segment.
    enum Verdict: Equatable {
        /// Read the segment; `missing` is set when offsets before it are in no file.
        case accept(missing: CorruptRegion?)
        /// Skip the segment as a whole.
        case reject(DamagedSegment.Reason)
    }

    /// The log offset the next segment should start at, or nil when unknown (no predecessor seen).
    /// The memberwise `init(expectedBase:)` starts a chain.
    private(set) var expectedBase: UInt64?

    /// Judges the segment named `base`, of `fileSize` bytes, whose header check found `headerProblem`.
    mutating func admit(base: UInt64, fileSize: UInt64, headerProblem: SegmentFormat.HeaderProblem?)
        -> Verdict
    {
        let (end, overflow) = base.addingReportingOverflow(fileSize)
        let segmentEnd = overflow ? UInt64.max : end
        let previousEnd = expectedBase
        expectedBase = max(previousEnd ?? 0, segmentEnd)
        if let headerProblem {
            return .reject(.badHeader(headerProblem))
        }
        guard let previousEnd else { return .accept(missing: nil) }
        if base < previousEnd {
            return .reject(.overlapsPreviousSegment(previousEnd: LogOffset(previousEnd)))
        }
        if base > previousEnd {
            return .accept(
                missing: CorruptRegion(
                    offset: LogOffset(previousEnd), size: base - previousEnd,
                    kind: .missingSegmentData))
        }
        return .accept(missing: nil)
    }

    /// Records that an accepted segment, read to its end, has grown to `fileSize` bytes since it
    /// was admitted (the last segment grows while a writer appends).
    mutating func segmentEnded(base: UInt64, fileSize: UInt64) {
        let (end, overflow) = base.addingReportingOverflow(fileSize)
        expectedBase = max(expectedBase ?? 0, overflow ? UInt64.max : end)
    }
}
