import Foundation
import KithCore
import KithStorage
import KithSystem
import Testing

@Suite("KithLogTool check-index: the index against the log")
struct KithLogIndexCheckTests {
    @Test("check-index passes a node's index and names each disagreement after damage")
    func checkIndex() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            try await makeKithLog(home: home, space)
            let records = try KithLogFixture.records(home)
            let entries = try records.map { try Entry(decoding: $0.payload) }
            let index = EntryStore.indexDirectory(in: home)
            let end = try LogReader(directory: KithLogFixture.logDirectory(home)).endOffset()

            let clean = try await kithLog(["--home", home, "check-index"], space)
            #expect(clean.status == 0, "\(clean)")
            #expect(
                clean.outputLines == [
                    "index: 4 entries up to log offset \(end) (checkpointed), "
                        + "0 disagreements"
                ])

            // The entry table's record of ordinal 1 starts at byte 64 + 40; its first word is the
            // log offset, in machine byte order (little-endian here).
            let offsetByte = UInt64(64 + 40)
            try KithLogFixture.flipByte(at: offsetByte, in: index + "/entries.kidx")
            let moved = try await kithLog(["--home", home, "check-index"], space)
            #expect(moved.status == 1, "\(moved)")
            let line = try #require(moved.outputLines.first)
            #expect(
                line.hasPrefix(
                    "log offset \(records[1].offset): PROBLEM: ordinal 1 (entry "
                        + "\(entries[1].id.hex.prefix(12)), sequence 2): the index has log offset "),
                "\(moved)")
            #expect(line.hasSuffix(", not \(records[1].offset)"), "\(line)")
            #expect(moved.outputLines.last?.hasSuffix("1 disagreement") == true, "\(moved)")
            try KithLogFixture.flipByte(at: offsetByte, in: index + "/entries.kidx")

            // Emptying the id table's slots loses every id.
            let idsPath = index + "/ids.kidx"
            let idsSize = try FileSystem.fileSize(idsPath)
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: idsPath))
            try handle.seek(toOffset: 64)
            try handle.write(contentsOf: Data(count: Int(idsSize) - 64))
            try handle.close()
            let lost = try await kithLog(["--home", home, "check-index"], space)
            #expect(lost.status == 1, "\(lost)")
            for (record, entry) in zip(records, entries) {
                #expect(
                    lost.outputLines.contains {
                        $0.hasPrefix("log offset \(record.offset): PROBLEM: entry ")
                            && $0.contains(String(entry.id.hex.prefix(12)))
                            && $0.hasSuffix("the id table has no slot for it")
                    }, "\(lost)")
            }

            // A log cut before its last record leaves the index ahead of it.
            try FileManager.default.removeItem(atPath: index)
            try await kith(["history"], home: home, space)  // rebuilds a sound index
            let segment = KithLogFixture.firstSegment(home)
            truncate(segment, off_t(records[3].offset.rawValue))
            let ahead = try await kithLog(["--home", home, "check-index"], space)
            #expect(ahead.status == 1, "\(ahead)")
            #expect(
                ahead.standardOutput.contains(
                    "the index says it covers the log up to log offset \(end), "
                        + "but the log ends at \(records[3].offset): the index is ahead of the log"),
                "\(ahead)")
            #expect(
                ahead.standardOutput.contains(
                    "ordinal 3 of the entry table names log offset \(records[3].offset)"))
        }
    }
}
