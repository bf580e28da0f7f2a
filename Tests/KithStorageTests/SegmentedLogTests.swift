import Foundation
import KithStorage
import Testing

@Suite("Segmented log writer")
struct SegmentedLogTests {
    static let sizes = [1, 2, 11, 12, 13, 200, 1000, 4096, 16_567, 7, 16_566, 300]

    @Test("records read back identical, in order, at stable offsets after reopening")
    func appendAndReopen() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/home/log"
            let payloads = Self.sizes.enumerated().map { testPayload(size: $1, seed: $0) }
            let (log, report) = try SegmentedLog.open(directory: directory)
            #expect(report.createdSegment == .zero)
            #expect(log.endOffset == .firstRecord)
            var offsets: [LogOffset] = []
            var expected = LogOffset.firstRecord
            for payload in payloads {
                let offset = try log.append(payload)
                #expect(offset == expected)
                expected = offset.advanced(by: UInt64(12 + payload.count))
                offsets.append(offset)
            }
            #expect(log.endOffset == expected)
            try log.sync()
            #expect(log.durableEndOffset == expected)
            try log.close()

            let (reopened, again) = try SegmentedLog.open(directory: directory)
            #expect(again.isClean)
            #expect(again.endOffset == expected)
            #expect(again.recordsScanned == payloads.count)
            for (offset, payload) in zip(offsets, payloads) {
                #expect(try reopened.read(at: offset) == payload)
            }
            try reopened.close()

            let (records, summary) = try LogReader(directory: directory).readAll()
            #expect(records.map(\.offset) == offsets)
            #expect(records.map(\.payload) == payloads)
            #expect(summary.isClean)
            #expect(summary.partialTail == nil)
            #expect(summary.endOffset == expected)
            #expect(try fileSize(segmentPath(directory, base: 0)) == expected.rawValue)
        }
    }

    @Test("buffered records are readable by the writer at once and by readers after flush")
    func bufferedReads() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(directory: directory)
            let payloads = (0..<5).map { testPayload(size: 50 + $0, seed: $0) }
            let offsets = try payloads.map { try log.append($0) }
            for (offset, payload) in zip(offsets, payloads) {
                #expect(try log.read(at: offset) == payload)
            }
            #expect(log.durableEndOffset < log.endOffset)
            let reader = try LogReader(directory: directory)
            #expect(try reader.readAll().records.isEmpty)
            try log.flush()
            #expect(try reader.readAll().records.map(\.payload) == payloads)
            #expect(try reader.read(at: offsets[3]) == payloads[3])
            try log.sync()
            #expect(log.durableEndOffset == log.endOffset)
            try log.close()
        }
    }

    @Test("a small write buffer writes records as it fills; reads see all of them")
    func smallWriteBuffer() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(
                directory: directory, options: LogOptions(writeBufferSize: 0))
            let payloads = (0..<20).map { testPayload(size: 100, seed: $0) }
            let offsets = try payloads.map { try log.append($0) }
            // With no buffer, every record but the newest is already in the file.
            #expect(
                try LogReader(directory: directory).readAll().records.count == payloads.count - 1)
            for (offset, payload) in zip(offsets, payloads) {
                #expect(try log.read(at: offset) == payload)
            }
            try log.close()
            #expect(
                try LogReader(directory: directory).readAll().records.map(\.payload) == payloads)
        }
    }

    @Test("payloads of 0 or more than 16567 bytes are rejected and change nothing")
    func payloadLimits() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(directory: directory)
            #expect(throws: LogError.emptyPayload) { try log.append([UInt8]()) }
            #expect(throws: LogError.payloadTooLarge(size: 16_568)) {
                try log.append([UInt8](repeating: 7, count: 16_568))
            }
            #expect(log.endOffset == .firstRecord)
            #expect(try log.append([UInt8](repeating: 7, count: 16_567)) == .firstRecord)
            try log.close()
            #expect(try LogReader(directory: directory).readAll().records.count == 1)
        }
    }

    @Test("non-contiguous collections append like arrays")
    func nonContiguousPayload() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(directory: directory)
            let offset = try log.append((1...10).lazy.map { UInt8($0) })
            #expect(try log.read(at: offset) == Array(1...10))
            try log.close()
        }
    }

    @Test("reads of offsets that hold no record fail clearly")
    func badReads() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(directory: directory)
            let first = try log.append(testPayload(size: 40, seed: 1))
            _ = try log.append(testPayload(size: 40, seed: 2))
            #expect(throws: LogError.corruptRecord(offset: first.advanced(by: 3))) {
                try log.read(at: first.advanced(by: 3))
            }
            #expect(throws: LogError.noRecord(offset: log.endOffset)) {
                try log.read(at: log.endOffset)
            }
            #expect(throws: LogError.noRecord(offset: .zero)) { try log.read(at: .zero) }
            try log.sync()
            #expect(throws: LogError.corruptRecord(offset: first.advanced(by: 3))) {
                try log.read(at: first.advanced(by: 3))
            }
            let reader = try LogReader(directory: directory)
            #expect(throws: LogError.corruptRecord(offset: first.advanced(by: 1))) {
                try reader.read(at: first.advanced(by: 1))
            }
            #expect(throws: LogError.noRecord(offset: log.endOffset)) {
                try reader.read(at: log.endOffset)
            }
            try log.close()
            #expect(throws: LogError.closed) { try log.append([1]) }
            #expect(throws: LogError.closed) { try log.read(at: first) }
        }
    }

    @Test("segments roll over at the segment size, named by base offsets that chain")
    func rollover() throws {
        try withTemporaryDirectory { directory in
            let options = LogOptions(segmentSize: 200)
            let payloads =
                (0..<11).map { testPayload(size: 50, seed: $0) } + [
                    testPayload(size: 300, seed: 99), testPayload(size: 1, seed: 100),
                ]
            let records = try makeLog(directory, payloads: payloads, options: options)
            let offsets = records.map(\.offset)
            #expect(offsets == offsets.sorted())
            #expect(Set(offsets).count == offsets.count)

            let bases = try segmentBases(directory)
            #expect(bases.first == 0)
            #expect(bases.count > 5)
            for (previous, next) in zip(bases, bases.dropFirst()) {
                let size = try fileSize(segmentPath(directory, base: previous))
                #expect(previous + size == next)
                // Two 62-byte records fit in 200 bytes; the 312-byte record sits alone.
                #expect(size <= 200 || size == 16 + 312)
            }
            for base in bases {
                let header = try Array(fileBytes(segmentPath(directory, base: base)).prefix(16))
                #expect(header == SegmentFormat.header(baseOffset: base))
            }
            // A record never spans two segments: each record's segment is the last base at or before it.
            for record in records {
                let base = try #require(bases.last { $0 <= record.offset.rawValue })
                let size = try fileSize(segmentPath(directory, base: base))
                #expect(record.nextOffset.rawValue <= base + size)
            }

            let (records2, summary) = try LogReader(directory: directory).readAll()
            #expect(records2 == records)
            #expect(summary.isClean)

            let (log, report) = try SegmentedLog.open(directory: directory, options: options)
            #expect(report.isClean)
            for record in records {
                #expect(try log.read(at: record.offset) == record.payload)
            }
            let next = try log.append(testPayload(size: 50, seed: 7))
            #expect(next == records.last?.nextOffset)
            try log.close()
            #expect(
                try LogReader(directory: directory).read(at: next) == testPayload(size: 50, seed: 7)
            )
        }
    }

    @Test("invalid options are refused")
    func invalidOptions() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: LogError.self) {
                try SegmentedLog.open(directory: directory, options: LogOptions(segmentSize: 16))
            }
            #expect(throws: LogError.self) {
                try SegmentedLog.open(
                    directory: directory, options: LogOptions(writeBufferSize: -1))
            }
        }
    }

    @Test("the log directory is created with mode 0700 and LOCK with mode 0600 holding the pid")
    func permissions() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/log"
            let (log, _) = try SegmentedLog.open(directory: directory)
            let directoryMode =
                try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions]
                as? NSNumber
            let lockMode =
                try FileManager.default.attributesOfItem(atPath: directory + "/LOCK")[
                    .posixPermissions]
                as? NSNumber
            #expect(directoryMode?.intValue == 0o700)
            #expect(lockMode?.intValue == 0o600)
            let lockText = String(decoding: try fileBytes(directory + "/LOCK"), as: UTF8.self)
            #expect(lockText == "\(ProcessInfo.processInfo.processIdentifier)\n")
            try log.close()
        }
    }
}
