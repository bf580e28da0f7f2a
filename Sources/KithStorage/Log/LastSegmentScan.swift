/// What recovery finds in the last segment (log.md, "Reading and recovery"): the scan that
/// ``SegmentedLog/open(directory:options:trustedEnd:)`` runs before it cuts a torn tail. No IO of
/// its own: the segment is read through a ``SegmentSource``, so the rules also run on bytes in
/// memory.
package struct LastSegmentScan: Sendable, Hashable {
    /// The file position the final scan started from: the segment's first record, or the trusted
    /// end when a record boundary was found there.
    package var scannedFrom: UInt64
    /// How many sound records the final scan found.
    package var recordCount: Int
    /// Corrupt regions found by the final scan, in log offsets.
    package var corruptRegions: [CorruptRegion]
    /// Where the bytes without a sound record at the end of the segment begin (a file position),
    /// if there are any: the cut recovery makes.
    package var tornFrom: UInt64?
    /// The size of the segment as read.
    package var fileEnd: UInt64
    /// Whether the trusted end was not used: past the end of the segment, or not a record boundary.
    package var trustedEndRejected: Bool

    /// Scans the last segment, of `size` bytes and base offset `baseOffset`, read from `source`.
    ///
    /// With a `trustedEnd` inside the segment, the scan starts there. If no record starts there
    /// (and it is not the segment's end), the whole segment is scanned instead, so that a wrong
    /// trusted end can never cut a good record; the trusted end is then rejected unless that scan
    /// passes a boundary exactly there.
    package static func scan(
        _ source: some SegmentSource, path: String, baseOffset base: UInt64, size: UInt64,
        trustedEnd: LogOffset?, windowSize: Int = 1 << 20
    ) throws(LogError) -> LastSegmentScan {
        let header = UInt64(SegmentFormat.headerSize)
        var start = header
        var rejected = false
        if let trustedEnd {
            if trustedEnd.rawValue > base + size {
                rejected = true
            } else if trustedEnd.rawValue > base + header {
                start = trustedEnd.rawValue - base
            }
        }
        let trustedStart = start
        let scanner = SegmentScanner(
            source: source, path: path, position: start, fileEnd: size, windowSize: windowSize)
        var checkingTrustedStart = start != header
        // Whether the whole-segment scan passes a boundary (record, corrupt region or tail) at the
        // trusted start, which shows that the trusted end was right after all.
        var boundaryAtTrustedStart = false
        var regions: [CorruptRegion] = []
        var records = 0
        var tornFrom: UInt64?
        scanning: while true {
            let step = try scanner.step()
            if checkingTrustedStart {
                checkingTrustedStart = false
                switch step {
                case .record, .end(tornFrom: nil):
                    break
                case .corrupt, .end:
                    // No record starts at the trusted end. It may be a crash's torn tail, or the
                    // trusted end may be wrong (inside a record): rescan the whole segment rather
                    // than cut what could be the rest of a good record.
                    start = header
                    scanner.restart(at: header, fileEnd: size)
                    continue scanning
                }
            }
            switch step {
            case .record(let position, _):
                records += 1
                if position == trustedStart { boundaryAtTrustedStart = true }
            case .corrupt(let from, let to):
                regions.append(CorruptRegion(offset: LogOffset(base + from), size: to - from))
                if from == trustedStart { boundaryAtTrustedStart = true }
            case .end(let torn):
                tornFrom = torn
                if (torn ?? scanner.fileEnd) == trustedStart { boundaryAtTrustedStart = true }
                break scanning
            }
        }
        if start != trustedStart && !boundaryAtTrustedStart {
            rejected = true
        }
        return LastSegmentScan(
            scannedFrom: start, recordCount: records, corruptRegions: regions, tornFrom: tornFrom,
            fileEnd: scanner.fileEnd, trustedEndRejected: rejected)
    }
}
