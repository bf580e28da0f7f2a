import Foundation
import KithStorage
import Testing

@Suite("Log reader")
struct LogReaderTests {
    private func records(_ cursor: LogCursor) throws -> [LogRecord] {
        var found: [LogRecord] = []
        while let event = try cursor.next() {
            guard case .record(let record) = event else {
                Issue.record("unexpected event \(event)")
                continue
            }
            found.append(record)
        }
        return found
    }

    @Test("a cursor follows records a writer appends, across new segments")
    func follow() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(
                directory: directory, options: LogOptions(segmentSize: 300))
            let cursor = try LogReader(directory: directory).cursor()
            #expect(try cursor.next() == nil)

            var appended: [LogRecord] = []
            for round in 0..<4 {
                for index in 0..<(round + 2) {
                    let payload = testPayload(size: 60 + index, seed: round * 10 + index)
                    appended.append(LogRecord(offset: try log.append(payload), payload: payload))
                }
                // Not flushed yet: the reader sees nothing new.
                let before = try records(cursor)
                try log.sync()
                let seen = before + (try records(cursor))
                #expect(seen == Array(appended.suffix(round + 2)), "round \(round)")
                #expect(cursor.partialTail == nil)
                #expect(cursor.offset == log.endOffset)
            }
            #expect(try segmentBases(directory).count > 1)
            try log.close()
        }
    }

    @Test("a partial record at the end is not yet written, not corruption")
    func partialTail() throws {
        try withTemporaryDirectory { directory in
            let existing = try makeLog(directory, payloads: [testPayload(size: 30, seed: 1)])
            let end = try #require(existing.last).nextOffset
            let record = try #require(
                RecordFormat.encodeRecord(payload: testPayload(size: 40, seed: 2)))
            let path = segmentPath(directory, base: 0)

            let reader = try LogReader(directory: directory)
            let cursor = try reader.cursor()
            #expect(try records(cursor) == existing)

            try appendToFile(path, Array(record[0..<25]))
            #expect(try cursor.next() == nil)
            #expect(cursor.partialTail == TornTail(offset: end, size: 25))
            #expect(cursor.offset == end)
            let summary = try reader.forEachRecord { (_, _) throws(Never) in .continue }
            #expect(summary.isClean)
            #expect(summary.partialTail == TornTail(offset: end, size: 25))
            #expect(summary.endOffset == end)

            try appendToFile(path, Array(record[25...]))
            #expect(
                try records(cursor) == [
                    LogRecord(offset: end, payload: testPayload(size: 40, seed: 2))
                ])
            #expect(cursor.partialTail == nil)
        }
    }

    @Test("a scan can stop early and resume from its end offset")
    func stopAndResume() throws {
        try withTemporaryDirectory { directory in
            let records = try makeLog(
                directory, payloads: (0..<10).map { testPayload(size: 20 + $0, seed: $0) },
                options: LogOptions(segmentSize: 150))
            let reader = try LogReader(directory: directory)
            var firstPart: [LogRecord] = []
            let summary = try reader.forEachRecord { (offset, payload) throws(Never) in
                firstPart.append(LogRecord(offset: offset, payload: Array(payload)))
                return firstPart.count == 4 ? .stop : .continue
            }
            #expect(summary.stoppedEarly)
            #expect(summary.recordCount == 4)
            #expect(summary.endOffset == records[3].nextOffset)
            let (rest, restSummary) = try reader.readAll(from: summary.endOffset)
            #expect(firstPart + rest == records)
            #expect(restSummary.isClean)
            // Starting at a record in a later segment reads from there.
            #expect(try reader.readAll(from: records[7].offset).records == Array(records[7...]))
        }
    }

    struct Stop: Error, Equatable {}

    @Test("an error thrown by the body ends the scan and comes back as a body error")
    func bodyError() throws {
        try withTemporaryDirectory { directory in
            _ = try makeLog(directory, payloads: [[1], [2], [3]])
            let reader = try LogReader(directory: directory)
            var count = 0
            do throws(LogScanError<Stop>) {
                _ = try reader.forEachRecord { (_, _) throws(Stop) in
                    count += 1
                    if count == 2 { throw Stop() }
                    return .continue
                }
                Issue.record("the scan did not throw")
            } catch {
                guard case .body(let stop) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(stop == Stop())
            }
            #expect(count == 2)
        }
    }

    @Test("a missing log directory is an error; an empty one has no records")
    func emptyAndMissing() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: LogError.self) { try LogReader(directory: directory + "/missing") }
            let reader = try LogReader(directory: directory)
            let (records, summary) = try reader.readAll()
            #expect(records.isEmpty && summary.isClean && summary.partialTail == nil)
            #expect(try reader.endOffset() == .zero)
        }
    }
}
