import KithStorage

/// The segment scanner and the recovery scan of the last segment (log.md, "Reading and
/// recovery"), on a segment held in memory. The first two bytes pick the trusted end recovery is
/// given (0: none); the rest is the segment file, header included, at base offset 0.
///
/// Checked: the scan's steps tile the file without gaps; each record re-encodes to its bytes;
/// each corrupt region ends where a sound record starts and holds no sound record's start; no
/// sound record starts in a torn tail; recovery that scans the whole segment finds what the
/// scanner found, and never cuts before the position it started from.
enum LogSegmentTarget {
    static let target = FuzzTarget(
        name: "log-segment", summary: "SegmentScanner and the last-segment recovery scan",
        run: run)

    private static let header = UInt64(SegmentFormat.headerSize)

    /// What a scan of the whole segment found.
    private struct Walk {
        var records = 0
        var regions: [CorruptRegion] = []
        var tornFrom: UInt64?
    }

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let trusted = input.uint16()
        let bytes = input.rest()
        let segment = InMemorySegment(bytes)
        _ = bytes.withUnsafeBytes {
            SegmentFormat.headerProblem($0, fileSize: segment.size, expectedBaseOffset: 0)
        }
        let walk = walkWholeSegment(segment)
        let trustedEnd = trusted == 0 ? nil : LogOffset(UInt64(trusted) - 1)
        let scan: LastSegmentScan
        do throws(LogError) {
            scan = try LastSegmentScan.scan(
                segment, path: "fuzz", baseOffset: 0, size: segment.size, trustedEnd: trustedEnd,
                windowSize: 0)
        } catch {
            fuzzCheck(false, "reading memory failed: \(error)")
            return
        }
        fuzzCheck(scan.fileEnd == segment.size, "the recovery scan saw another size")
        if let tornFrom = scan.tornFrom {
            fuzzCheck(tornFrom >= scan.scannedFrom, "recovery cuts before where it started")
            fuzzCheck(tornFrom < segment.size, "the torn tail starts at the end")
            checkNoSoundRecord(in: bytes, from: Int(tornFrom), to: bytes.count)
        }
        if scan.scannedFrom == header || segment.size <= header {
            fuzzCheck(scan.recordCount == walk.records, "recovery found other records")
            fuzzCheck(scan.corruptRegions == walk.regions, "recovery found other corrupt regions")
            fuzzCheck(scan.tornFrom == walk.tornFrom, "recovery found another torn tail")
        }
        if trustedEnd == nil {
            fuzzCheck(!scan.trustedEndRejected, "recovery rejected a trusted end it was not given")
        }
    }

    /// Scans the whole segment step by step, checking each step against the bytes.
    private static func walkWholeSegment(_ segment: InMemorySegment) -> Walk {
        let bytes = segment.bytes
        let scanner = SegmentScanner(
            source: segment, path: "fuzz", position: header, fileEnd: segment.size, windowSize: 0)
        var walk = Walk()
        var cursor = header
        while true {
            let step: SegmentScanner<InMemorySegment>.Step
            do throws(LogError) {
                step = try scanner.step()
            } catch {
                fuzzCheck(false, "reading memory failed: \(error)")
                return walk
            }
            switch step {
            case .record(let position, let payload):
                fuzzCheck(position == cursor, "a record at \(position), expected \(cursor)")
                let end = Int(position) + RecordFormat.headerSize + payload.count
                let record = RecordFormat.encodeRecord(payload: payload)
                fuzzCheck(
                    record.map { $0[...] } == bytes[Int(position)..<end],
                    "the record at \(position) does not re-encode to its bytes")
                walk.records += 1
                cursor = UInt64(end)
            case .corrupt(let start, let end):
                fuzzCheck(start == cursor && start < end, "a corrupt region out of place")
                let sound = bytes.withUnsafeBytes {
                    RecordFormat.soundRecordSize(in: $0, at: Int(end))
                }
                fuzzCheck(sound != nil, "a corrupt region ends where no record starts")
                checkNoSoundRecord(in: bytes, from: Int(start) + 1, to: Int(end))
                walk.regions.append(CorruptRegion(offset: LogOffset(start), size: end - start))
                cursor = end
            case .end(let tornFrom):
                if let tornFrom {
                    fuzzCheck(tornFrom == cursor, "a torn tail out of place")
                    checkNoSoundRecord(in: bytes, from: Int(tornFrom), to: bytes.count)
                } else {
                    fuzzCheck(cursor >= segment.size, "the scan ended early, at \(cursor)")
                }
                walk.tornFrom = tornFrom
                return walk
            }
        }
    }

    /// Traps when a sound record starts at any position in `[from, to)` of `bytes`.
    private static func checkNoSoundRecord(in bytes: [UInt8], from: Int, to: Int) {
        guard from < to else { return }
        bytes.withUnsafeBytes { buffer in
            for position in from..<to where buffer[position] == RecordFormat.magic[0] {
                fuzzCheck(
                    RecordFormat.soundRecordSize(in: buffer, at: position) == nil,
                    "a sound record at \(position) was skipped")
            }
        }
    }
}
