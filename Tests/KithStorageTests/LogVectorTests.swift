import Foundation
import KithCore
import KithTestSupport
import Testing

@testable import KithStorage

/// `Protocol/vectors/log.json` (log.md, "Vectors"): made here with the real ``SegmentedLog`` from
/// the entry vectors, compared byte for byte with the committed file, and its recovery cases run
/// through ``LogReader`` and ``SegmentedLog/open(directory:options:trustedEnd:)``. With
/// `KITH_WRITE_VECTORS=1` in the environment the generator writes the file instead (see
/// Protocol/vectors/README.md).
@Suite("Log vectors")
struct LogVectorTests {
    static var writing: Bool { ProcessInfo.processInfo.environment["KITH_WRITE_VECTORS"] == "1" }

    @Test("log.json matches the generator byte for byte")
    func fileMatchesGenerator() throws {
        let text = try LogVectors.make().document().rendered()
        let url = LogVectors.vectorsDirectory.appendingPathComponent("log.json")
        if Self.writing {
            try Data(text.utf8).write(to: url, options: .atomic)
        }
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(
            onDisk == text,
            "log.json differs from the generator; if a format change is intended, run KITH_WRITE_VECTORS=1 swift test --filter LogVectorTests"
        )
    }

    @Test("CRC-32C gives log.md's check value and RFC 3720's (B.4)")
    func publishedChecksums() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    }

    @Test("each record is the record framing of its entry, and the segment reads back cleanly")
    func segmentRecords() throws {
        let vectors = try LogVectors.make()
        var expectedFile = SegmentFormat.header(baseOffset: 0)
        for record in vectors.records {
            #expect(RecordFormat.encodeRecord(payload: record.payload) == record.bytes)
            #expect(Array(record.bytes[8..<12]) == bigEndianBytes(record.checksum))
            expectedFile += record.bytes
        }
        #expect(vectors.segment == expectedFile)
        let clean = RecoveryCase(
            name: "clean", note: "", damage: .none, bytes: vectors.segment, kept: vectors.records,
            corruptRegions: [], tornTail: nil, sizeAfterWriterOpens: UInt64(vectors.segment.count))
        try withTemporaryDirectory { directory in
            try expectRecovery(clean, directory: directory + "/clean")
        }
    }

    @Test("each recovery case gives the expected records, corrupt regions and torn tail")
    func recoveryCases() throws {
        let vectors = try LogVectors.make()
        try withTemporaryDirectory { directory in
            for recoveryCase in vectors.cases {
                try expectRecovery(recoveryCase, directory: directory + "/" + recoveryCase.name)
            }
        }
    }

    @Test("a store skips a sound record that is not an entry, reports it, and keeps the rest")
    func recordNotAnEntry() throws {
        let vectors = try LogVectors.make()
        guard
            let recoveryCase = vectors.cases.first(where: {
                $0.name == "records-not-entries-appended"
            }),
            let short = recoveryCase.kept.first(where: { $0.notAnEntry == "length" })
        else {
            Issue.record("no case with a record that is not an entry")
            return
        }
        try withTemporaryDirectory { home in
            let logDirectory = EntryStore.logDirectory(in: home)
            try FileManager.default.createDirectory(
                atPath: logDirectory, withIntermediateDirectories: true)
            try writeFile(segmentPath(logDirectory, base: 0), recoveryCase.bytes)
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.undecodableRecords == [LogOffset(short.offset)])
            for record in vectors.records {
                let entry = try Entry(decoding: record.payload)
                #expect(try store.entry(entry.id) != nil, "\(record.entry) is held")
            }
        }
    }

    /// Puts the case's segment file alone in a new log directory, reads it, then opens it for
    /// writing (which cuts a torn tail) and reads it again.
    private func expectRecovery(_ recoveryCase: RecoveryCase, directory: String) throws {
        let name = recoveryCase.name
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: false)
        let path = segmentPath(directory, base: 0)
        try writeFile(path, recoveryCase.bytes)
        let expectedRecords = recoveryCase.kept.map {
            LogRecord(offset: LogOffset($0.offset), payload: $0.payload)
        }

        let (records, summary) = try LogReader(directory: directory).readAll()
        #expect(records == expectedRecords, "\(name): records read")
        for record in recoveryCase.kept {
            do {
                _ = try Entry(validating: record.payload)
                #expect(record.notAnEntry == nil, "\(name): \(record.offset) is an entry")
            } catch {
                #expect(record.notAnEntry == error.rule, "\(name): \(record.offset): \(error)")
            }
        }
        #expect(summary.corruptRegions == recoveryCase.corruptRegions, "\(name): reader regions")
        #expect(summary.partialTail == recoveryCase.tornTail, "\(name): reader tail")
        #expect(summary.damagedSegments.isEmpty, "\(name): damaged segments")

        let (log, report) = try SegmentedLog.open(directory: directory)
        try log.close()
        #expect(report.tornTailCut == recoveryCase.tornTail, "\(name): writer cut")
        #expect(report.corruptRegions == recoveryCase.corruptRegions, "\(name): writer regions")
        #expect(report.damagedSegments.isEmpty, "\(name): writer damaged segments")
        #expect(report.endOffset == LogOffset(recoveryCase.sizeAfterWriterOpens), "\(name): end")
        #expect(try fileSize(path) == recoveryCase.sizeAfterWriterOpens, "\(name): size after open")

        let (after, afterSummary) = try LogReader(directory: directory).readAll()
        #expect(after == expectedRecords, "\(name): records after open")
        #expect(afterSummary.partialTail == nil, "\(name): tail after open")
        #expect(afterSummary.corruptRegions == recoveryCase.corruptRegions, "\(name): regions")
    }
}
