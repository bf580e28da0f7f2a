import Foundation
import KithStorage
import Testing

@testable import KithStorage

@Suite("Scanning through a window smaller than the log")
struct LogScanWindowTests {
    /// Everything a walker finds until it catches up.
    private func walk(_ directory: String, windowSize: Int) throws -> (
        records: [LogRecord], regions: [CorruptRegion], tail: TornTail?
    ) {
        let walker = try LogWalker(
            directory: SegmentDirectory(path: directory), from: .zero, windowSize: windowSize)
        var records: [LogRecord] = []
        var regions: [CorruptRegion] = []
        while true {
            switch try walker.step() {
            case .record(let offset, let payload):
                records.append(LogRecord(offset: offset, payload: Array(payload)))
            case .corrupt(let region):
                regions.append(region)
            case .damaged(let segment):
                Issue.record("unexpected damaged segment \(segment)")
            case .caughtUp(let tail):
                return (records, regions, tail)
            }
        }
    }

    @Test("records, corrupt regions and a long zero tail are found across many window refills")
    func smallWindow() throws {
        try withTemporaryDirectory { directory in
            let sizes = (0..<60).map { [16_567, 1, 5_000, 300, 9_999][$0 % 5] }
            let records = try makeLog(
                directory, payloads: sizes.enumerated().map { testPayload(size: $1, seed: $0) })
            // Damage four records, two of them in a row, and add a 50 KB zero tail.
            let damaged: Set<Int> = [7, 22, 23, 50]
            for index in damaged {
                try flipByte(directory, at: records[index].offset.advanced(by: 20))
            }
            try appendToFile(segmentPath(directory, base: 0), [UInt8](repeating: 0, count: 50_000))
            let expectedRegions = [
                CorruptRegion(
                    offset: records[7].offset,
                    size: records[7].nextOffset.distance(from: records[7].offset)),
                CorruptRegion(
                    offset: records[22].offset,
                    size: records[23].nextOffset.distance(from: records[22].offset)),
                CorruptRegion(
                    offset: records[50].offset,
                    size: records[50].nextOffset.distance(from: records[50].offset)),
            ]
            let survivors = records.enumerated().filter { !damaged.contains($0.offset) }.map(
                \.element)
            let tail = TornTail(offset: try #require(records.last).nextOffset, size: 50_000)

            for windowSize in [0, 40_000, 1 << 20] {
                let found = try walk(directory, windowSize: windowSize)
                #expect(
                    found.records.map(\.offset) == survivors.map(\.offset), "window \(windowSize)")
                #expect(
                    found.records.map(\.payload) == survivors.map(\.payload), "window \(windowSize)"
                )
                #expect(found.regions == expectedRegions, "window \(windowSize)")
                #expect(found.tail == tail, "window \(windowSize)")
            }
        }
    }
}
