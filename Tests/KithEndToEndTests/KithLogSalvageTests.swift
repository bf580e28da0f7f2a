import Foundation
import KithCore
import KithStorage
import Testing

@Suite("KithLogTool salvage: a fresh log from the sound records, the damaged one kept")
struct KithLogSalvageTests {
    @Test("salvage copies the sound records, keeps the damaged log, reports losses and gaps")
    func salvageFlippedBytes() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let author = try await makeKithLog(home: home, space)
            let records = try KithLogFixture.records(home)
            let entries = try records.map { try Entry(decoding: $0.payload) }
            // A byte in the payload of sequence 2: its record no longer checks.
            let segment = KithLogFixture.firstSegment(home)
            try KithLogFixture.flipByte(at: records[1].offset.rawValue + 40, in: segment)
            let damaged = try Data(contentsOf: URL(fileURLWithPath: segment))

            // A writer holding the lock keeps salvage out, and nothing changes.
            let (writer, _) = try SegmentedLog.open(directory: KithLogFixture.logDirectory(home))
            let refused = try await kithLog(["--home", home, "salvage"], space)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.standardError.contains("lock"), "\(refused)")
            try writer.close()
            #expect(try Data(contentsOf: URL(fileURLWithPath: segment)) == damaged)

            let salvage = try await kithLog(["--home", home, "salvage"], space)
            #expect(salvage.status == 0, "\(salvage)")
            let kept = try #require(
                try FileManager.default.contentsOfDirectory(atPath: home).first {
                    $0.hasPrefix("log.damaged-")
                })
            let keptSegment = home + "/" + kept + "/" + SegmentFormat.fileName(baseOffset: 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: keptSegment)) == damaged)
            let copiedBytes = [0, 2, 3].map { records[$0].payload.count }.reduce(0, +)
            #expect(
                salvage.outputLines.first
                    == "copied 3 sound records (\(copiedBytes) bytes) into a new log; the damaged log is kept in \(home)/\(kept)",
                "\(salvage)")
            #expect(
                salvage.outputLines.contains {
                    $0.hasPrefix(
                        "lost: \(12 + records[1].payload.count) bytes at log offset "
                            + "\(records[1].offset) of the damaged log (no sound record starts")
                }, "\(salvage)")
            #expect(salvage.outputLines.contains("index rebuilt: 1 entry"), "\(salvage)")
            #expect(
                salvage.outputLines.last
                    == "gap: the chain of \(author.fingerprint) in lobby lacks sequence 2; "
                    + "2 later entries wait for them", "\(salvage)")

            let salvaged = try KithLogFixture.records(home)
            #expect(
                try salvaged.map { try Entry(decoding: $0.payload).id } == [
                    entries[0].id, entries[2].id, entries[3].id,
                ])
            let verify = try await kithLog(["--home", home, "verify"], space)
            #expect(!verify.standardOutput.contains("corrupt region"), "\(verify)")
            let index = try await kithLog(["--home", home, "check-index"], space)
            #expect(index.status == 0, "\(index)")
            // The arrivals file moved with the copied records: the last entry, now at another
            // log offset, is still known as posted here; the damaged log keeps the old file.
            let trace = try await kithLog(["trace", entries[3].id.hex, "--home", home], space)
            #expect(trace.outputLines.last?.contains("  posted here at ") == true, "\(trace)")
            #expect(FileManager.default.fileExists(atPath: home + "/" + kept + "/arrivals.karv"))
            let again = try await kithLog(["--home", home, "salvage"], space)
            #expect(again.outputLines == ["the log has no damage: nothing to salvage"])
        }
    }
}
