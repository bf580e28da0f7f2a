import Foundation
import KithStorage
import Testing

@Suite("Log recovery: torn tails, corruption, damaged segments")
struct LogRecoveryTests {
    static let payloads = [20, 30, 40, 25, 33].enumerated().map { testPayload(size: $1, seed: $0) }

    @Test("a torn tail cut at every byte of the last record is cut, and appends continue")
    func tornTailAtEveryByte() throws {
        try withTemporaryDirectory { root in
            let template = root + "/template"
            let records = try makeLog(template, payloads: Self.payloads)
            let full = try fileBytes(segmentPath(template, base: 0))
            let last = try #require(records.last)
            let lastStart = Int(last.offset.rawValue)
            #expect(full.count == Int(last.nextOffset.rawValue))

            for cut in (lastStart + 1)..<full.count {
                let directory = root + "/cut-\(cut)"
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: false)
                try writeFile(segmentPath(directory, base: 0), Array(full[0..<cut]))

                let (readerRecords, readerSummary) = try LogReader(directory: directory).readAll()
                #expect(readerRecords == Array(records.dropLast()))
                #expect(
                    readerSummary.partialTail
                        == TornTail(offset: last.offset, size: UInt64(cut - lastStart)))
                #expect(readerSummary.isClean)

                let (log, report) = try SegmentedLog.open(directory: directory)
                #expect(
                    report.tornTailCut
                        == TornTail(offset: last.offset, size: UInt64(cut - lastStart)))
                #expect(
                    report.description.contains(
                        "cut a torn tail of \(cut - lastStart) bytes at log offset \(lastStart)"))
                #expect(report.corruptRegions.isEmpty)
                #expect(report.endOffset == last.offset)
                #expect(try fileSize(segmentPath(directory, base: 0)) == UInt64(lastStart))
                for record in records.dropLast() {
                    #expect(try log.read(at: record.offset) == record.payload)
                }
                let newPayload = testPayload(size: 9, seed: cut)
                #expect(try log.append(newPayload) == last.offset)
                try log.close()

                let (after, summary) = try LogReader(directory: directory).readAll()
                #expect(
                    after == Array(records.dropLast()) + [
                        LogRecord(offset: last.offset, payload: newPayload)
                    ]
                )
                #expect(summary.isClean && summary.partialTail == nil)
                try FileManager.default.removeItem(atPath: directory)
            }
        }
    }

    /// Byte positions inside the middle record to damage: magic, length, checksum, payload.
    static let damagedFields: [(name: String, position: Int)] = [
        ("magic", 0), ("length", 5), ("checksum", 9), ("payload", 12 + 17),
    ]

    @Test(
        "a damaged middle record is a corrupt region; every other record is kept", arguments: 0..<4)
    func corruptMiddleRecord(field: Int) throws {
        try withTemporaryDirectory { directory in
            let records = try makeLog(directory, payloads: Self.payloads)
            let damaged = records[2]
            try flipByte(
                directory,
                at: damaged.offset.advanced(by: UInt64(Self.damagedFields[field].position)))
            let expectedRegion = CorruptRegion(
                offset: damaged.offset, size: damaged.nextOffset.distance(from: damaged.offset))
            let survivors = records.enumerated().filter { $0.offset != 2 }.map(\.element)

            let reader = try LogReader(directory: directory)
            let (readRecords, summary) = try reader.readAll()
            #expect(readRecords == survivors, "field \(Self.damagedFields[field].name)")
            #expect(summary.corruptRegions == [expectedRegion])
            #expect(summary.partialTail == nil)
            #expect(throws: LogError.corruptRecord(offset: damaged.offset)) {
                try reader.read(at: damaged.offset)
            }

            let sizeBefore = try fileSize(segmentPath(directory, base: 0))
            let (log, report) = try SegmentedLog.open(directory: directory)
            #expect(report.corruptRegions == [expectedRegion])
            #expect(
                report.description.contains(
                    "corrupt region of \(expectedRegion.size) bytes at log offset \(damaged.offset)"
                ))
            #expect(report.tornTailCut == nil)
            #expect(try fileSize(segmentPath(directory, base: 0)) == sizeBefore)
            for record in survivors {
                #expect(try log.read(at: record.offset) == record.payload)
            }
            #expect(throws: LogError.corruptRecord(offset: damaged.offset)) {
                try log.read(at: damaged.offset)
            }
            try log.close()
        }
    }

    @Test("garbage after the last record is a torn tail")
    func garbageTail() throws {
        try withTemporaryDirectory { directory in
            let records = try makeLog(directory, payloads: Self.payloads)
            // Garbage including a fake record header whose checksum is wrong.
            let garbage =
                testPayload(size: 50, seed: 77) + Array("KREC".utf8) + [
                    0, 0, 0, 4, 1, 2, 3, 4, 5, 6, 7, 8,
                ]
                + testPayload(size: 30, seed: 78)
            try appendToFile(segmentPath(directory, base: 0), garbage)
            try expectTornTail(directory, records: records, size: garbage.count)
        }
    }

    @Test("a zero-filled tail (as after power loss) is a torn tail")
    func zeroTail() throws {
        try withTemporaryDirectory { directory in
            let records = try makeLog(directory, payloads: Self.payloads)
            try appendToFile(segmentPath(directory, base: 0), [UInt8](repeating: 0, count: 4096))
            try expectTornTail(directory, records: records, size: 4096)
        }
    }

    private func expectTornTail(_ directory: String, records: [LogRecord], size: Int) throws {
        let end = try #require(records.last).nextOffset
        let (readRecords, summary) = try LogReader(directory: directory).readAll()
        #expect(readRecords == records)
        #expect(summary.isClean)
        #expect(summary.partialTail == TornTail(offset: end, size: UInt64(size)))
        let (log, report) = try SegmentedLog.open(directory: directory)
        #expect(report.tornTailCut == TornTail(offset: end, size: UInt64(size)))
        #expect(report.corruptRegions.isEmpty)
        #expect(try fileSize(segmentPath(directory, base: 0)) == end.rawValue)
        #expect(try log.append([42]) == end)
        try log.close()
        #expect(try LogReader(directory: directory).readAll().records.count == records.count + 1)
    }

    @Test(
        "a trusted end at a record boundary limits the scan; a wrong one is rejected and cuts nothing"
    )
    func trustedEnd() throws {
        try withTemporaryDirectory { directory in
            let records = try makeLog(directory, payloads: Self.payloads)
            let end = try #require(records.last).nextOffset

            var (log, report) = try SegmentedLog.open(
                directory: directory, trustedEnd: records[3].offset)
            #expect(report.isClean)
            #expect(report.scannedFrom == records[3].offset)
            #expect(report.recordsScanned == 2)
            try log.close()

            (log, report) = try SegmentedLog.open(directory: directory, trustedEnd: end)
            #expect(report.isClean)
            #expect(report.recordsScanned == 0)
            try log.close()

            for wrong in [
                records[4].offset.advanced(by: 5), records[2].offset.advanced(by: 1),
                end.advanced(by: 1),
            ] {
                (log, report) = try SegmentedLog.open(directory: directory, trustedEnd: wrong)
                #expect(report.trustedEndRejected, "trusted end \(wrong)")
                #expect(report.tornTailCut == nil)
                #expect(report.corruptRegions.isEmpty)
                #expect(report.recordsScanned == records.count)
                #expect(report.endOffset == end)
                try log.close()
            }
            #expect(try LogReader(directory: directory).readAll().records == records)

            // A torn tail right at the trusted end is a crash after the index's last record: cut, trusted.
            try appendToFile(segmentPath(directory, base: 0), [UInt8](repeating: 0, count: 10))
            (log, report) = try SegmentedLog.open(directory: directory, trustedEnd: end)
            #expect(!report.trustedEndRejected)
            #expect(report.tornTailCut == TornTail(offset: end, size: 10))
            try log.close()
        }
    }

    @Test("a torn tail in a sealed segment is a corrupt region, and the gap it leaves is reported")
    func sealedSegmentDamage() throws {
        try withTemporaryDirectory { directory in
            let options = LogOptions(segmentSize: 200)
            let payloads = (0..<8).map { testPayload(size: 50, seed: $0) }
            let records = try makeLog(directory, payloads: payloads, options: options)
            let bases = try segmentBases(directory)
            #expect(bases.count == 4)
            // Cut 20 bytes off the second segment's last record.
            let path = segmentPath(directory, base: bases[1])
            let bytes = try fileBytes(path)
            try writeFile(path, Array(bytes.dropLast(20)))
            let lostRecord = records[3]

            let (readRecords, summary) = try LogReader(directory: directory).readAll()
            #expect(readRecords == records.filter { $0 != lostRecord })
            #expect(
                summary.corruptRegions == [
                    CorruptRegion(
                        offset: lostRecord.offset, size: 62 - 20, kind: .tornTailOfSealedSegment),
                    CorruptRegion(
                        offset: LogOffset(bases[2] - 20), size: 20, kind: .missingSegmentData),
                ]
            )

            // The writer checks sealed segments' headers and places only.
            let (log, report) = try SegmentedLog.open(directory: directory, options: options)
            #expect(
                report.corruptRegions == [
                    CorruptRegion(
                        offset: LogOffset(bases[2] - 20), size: 20, kind: .missingSegmentData)
                ])
            #expect(report.tornTailCut == nil)
            #expect(try log.read(at: records[2].offset) == records[2].payload)
            #expect(try log.read(at: records[4].offset) == records[4].payload)
            try log.close()
        }
    }

    @Test("a segment with a bad header is skipped as a whole and kept; later segments are read")
    func damagedSegmentHeader() throws {
        try withTemporaryDirectory { directory in
            let options = LogOptions(segmentSize: 200)
            let payloads = (0..<8).map { testPayload(size: 50, seed: $0) }
            let records = try makeLog(directory, payloads: payloads, options: options)
            let bases = try segmentBases(directory)
            let path = segmentPath(directory, base: bases[1])
            var bytes = try fileBytes(path)
            bytes[0] = UInt8(ascii: "X")
            try writeFile(path, bytes)

            let (readRecords, summary) = try LogReader(directory: directory).readAll()
            #expect(readRecords == Array(records[0..<2] + records[4...]))
            #expect(summary.damagedSegments.map(\.path) == [path])
            #expect(summary.damagedSegments.first?.reason == .badHeader(.badMagic))
            #expect(summary.corruptRegions.isEmpty)

            let (log, report) = try SegmentedLog.open(directory: directory, options: options)
            #expect(report.damagedSegments.map(\.path) == [path])
            #expect(throws: LogError.noRecord(offset: records[2].offset)) {
                try log.read(at: records[2].offset)
            }
            #expect(try log.read(at: records[7].offset) == records[7].payload)
            try log.close()
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("when the last segment is damaged, the writer starts a new segment after it")
    func damagedLastSegment() throws {
        try withTemporaryDirectory { directory in
            let options = LogOptions(segmentSize: 200)
            let payloads = (0..<6).map { testPayload(size: 50, seed: $0) }
            let records = try makeLog(directory, payloads: payloads, options: options)
            let bases = try segmentBases(directory)
            let lastBase = try #require(bases.last)
            let path = segmentPath(directory, base: lastBase)
            var bytes = try fileBytes(path)
            bytes[15] ^= 0x01  // the header's base offset no longer matches the name
            try writeFile(path, bytes)
            let lastSize = UInt64(bytes.count)

            let (log, report) = try SegmentedLog.open(directory: directory, options: options)
            #expect(report.damagedSegments.count == 1)
            #expect(report.createdSegment == LogOffset(lastBase + lastSize))
            let offset = try log.append([1, 2, 3])
            #expect(offset == LogOffset(lastBase + lastSize + 16))
            try log.close()
            let (readRecords, summary) = try LogReader(directory: directory).readAll()
            #expect(
                readRecords == Array(records[0..<4]) + [
                    LogRecord(offset: offset, payload: [1, 2, 3])
                ])
            #expect(summary.damagedSegments.count == 1)
        }
    }

    @Test("leftover temporary segment files are removed by the writer")
    func temporaryFiles() throws {
        try withTemporaryDirectory { directory in
            let records = try makeLog(directory, payloads: Self.payloads)
            let leftover = directory + "/" + SegmentFormat.fileName(baseOffset: 999) + ".tmp"
            try writeFile(leftover, Array("KITHSEG1".utf8))
            #expect(try LogReader(directory: directory).readAll().records == records)
            let (log, report) = try SegmentedLog.open(directory: directory)
            #expect(
                report.removedTemporaryFiles == [SegmentFormat.fileName(baseOffset: 999) + ".tmp"])
            #expect(!FileManager.default.fileExists(atPath: leftover))
            try log.close()
        }
    }
}
