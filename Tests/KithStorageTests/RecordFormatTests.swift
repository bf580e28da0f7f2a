import KithStorage
import Testing

@testable import KithStorage

@Suite("Record and segment format")
struct RecordFormatTests {
    @Test(
        "a record round-trips through encode and the soundness check",
        arguments: [1, 2, 7, 8, 9, 200, 4096, 16_567])
    func roundTrip(size: Int) throws {
        let payload = testPayload(size: size, seed: size)
        let record = try #require(RecordFormat.encodeRecord(payload: payload))
        #expect(record.count == 12 + size)
        #expect(Array(record[0..<4]) == Array("KREC".utf8))
        #expect(
            Array(record[4..<8]) == [
                UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF),
                UInt8(size & 0xFF),
            ])
        let checksum = CRC32C.checksum(Array(record[4..<8]) + payload)
        #expect(
            Array(record[8..<12]) == [
                UInt8(checksum >> 24), UInt8((checksum >> 16) & 0xFF),
                UInt8((checksum >> 8) & 0xFF),
                UInt8(checksum & 0xFF),
            ])
        #expect(Array(record[12...]) == payload)
        record.withUnsafeBytes { bytes in
            #expect(RecordFormat.soundRecordSize(in: bytes, at: 0) == record.count)
        }
    }

    @Test("a record cut short at any length is not sound")
    func truncated() throws {
        let record = try #require(
            RecordFormat.encodeRecord(payload: testPayload(size: 30, seed: 1)))
        for length in 0..<record.count {
            Array(record[0..<length]).withUnsafeBytes { bytes in
                #expect(RecordFormat.soundRecordSize(in: bytes, at: 0) == nil)
            }
        }
    }

    @Test("any changed byte makes the record unsound")
    func changedByte() throws {
        let record = try #require(
            RecordFormat.encodeRecord(payload: testPayload(size: 40, seed: 2)))
        for index in record.indices {
            var damaged = record
            damaged[index] ^= 0x01
            damaged.withUnsafeBytes { bytes in
                #expect(RecordFormat.soundRecordSize(in: bytes, at: 0) == nil)
            }
        }
    }

    @Test("empty and oversized payloads cannot be encoded")
    func payloadLimits() {
        #expect(RecordFormat.encodeRecord(payload: [UInt8]()) == nil)
        #expect(RecordFormat.encodeRecord(payload: [UInt8](repeating: 1, count: 16_568)) == nil)
        #expect(RecordFormat.maxPayloadSize == 16_567)
    }

    @Test("resynchronisation finds the next sound record and skips a false magic")
    func resync() throws {
        let first = try #require(RecordFormat.encodeRecord(payload: testPayload(size: 20, seed: 3)))
        let second = try #require(
            RecordFormat.encodeRecord(payload: testPayload(size: 25, seed: 4)))
        // Garbage with a fake record header (good magic, plausible length, wrong checksum).
        let garbage: [UInt8] =
            [1, 2, 3] + Array("KREC".utf8) + [0, 0, 0, 5, 9, 9, 9, 9, 1, 2, 3, 4, 5, 6]
        let buffer = garbage + first + second
        buffer.withUnsafeBytes { bytes in
            #expect(
                RecordFormat.findSoundRecord(in: bytes, from: 1, dataEndsWithBuffer: true)
                    == .found(garbage.count))
            #expect(
                RecordFormat.findSoundRecord(
                    in: bytes, from: garbage.count + 1, dataEndsWithBuffer: true)
                    == .found(garbage.count + first.count)
            )
            #expect(
                RecordFormat.findSoundRecord(
                    in: bytes, from: garbage.count + first.count + 1, dataEndsWithBuffer: true)
                    == .notFound(searchedUpTo: bytes.count - 11)
            )
        }
    }

    @Test("a window onto longer data only decides positions a whole record away from its end")
    func resyncInWindow() throws {
        let record = try #require(
            RecordFormat.encodeRecord(payload: testPayload(size: 20, seed: 5)))
        let buffer = [UInt8](repeating: 0, count: 100) + record
        buffer.withUnsafeBytes { bytes in
            #expect(
                RecordFormat.findSoundRecord(in: bytes, from: 1, dataEndsWithBuffer: false)
                    == .notFound(searchedUpTo: 1))
            #expect(
                RecordFormat.findSoundRecord(in: bytes, from: 1, dataEndsWithBuffer: true)
                    == .found(100))
        }
    }

    @Test("segment file names and headers")
    func segmentNames() {
        #expect(SegmentFormat.fileName(baseOffset: 0) == "00000000000000000000.kseg")
        #expect(SegmentFormat.fileName(baseOffset: 67_108_880) == "00000000000067108880.kseg")
        #expect(SegmentFormat.baseOffset(fromFileName: "00000000000067108880.kseg") == 67_108_880)
        #expect(SegmentFormat.baseOffset(fromFileName: "18446744073709551615.kseg") == UInt64.max)
        for bad in [
            "0000000000006710888.kseg", "000000000000671088800.kseg", "0000000000006710888a.kseg",
            "00000000000067108880.kseg.tmp", "99999999999999999999.kseg", "LOCK",
        ] {
            #expect(SegmentFormat.baseOffset(fromFileName: bad) == nil)
        }
        let header = SegmentFormat.header(baseOffset: 67_108_880)
        #expect(header == Array("KITHSEG1".utf8) + [0, 0, 0, 0, 0x04, 0, 0, 0x10])
        header.withUnsafeBytes { bytes in
            #expect(
                SegmentFormat.headerProblem(bytes, fileSize: 16, expectedBaseOffset: 67_108_880)
                    == nil)
            #expect(
                SegmentFormat.headerProblem(bytes, fileSize: 16, expectedBaseOffset: 0)
                    == .baseOffsetMismatch(inHeader: 67_108_880))
        }
        var badMagic = header
        badMagic[0] = 0
        badMagic.withUnsafeBytes { bytes in
            #expect(
                SegmentFormat.headerProblem(bytes, fileSize: 16, expectedBaseOffset: 67_108_880)
                    == .badMagic)
        }
        Array(header[0..<10]).withUnsafeBytes { bytes in
            #expect(
                SegmentFormat.headerProblem(bytes, fileSize: 10, expectedBaseOffset: 67_108_880)
                    == .tooShort(fileSize: 10))
        }
    }

    @Test("the segment chain accepts successors, reports gaps and rejects overlaps and bad headers")
    func chain() {
        var chain = SegmentChain(expectedBase: 0)
        #expect(chain.admit(base: 0, fileSize: 100, headerProblem: nil) == .accept(missing: nil))
        #expect(chain.admit(base: 100, fileSize: 50, headerProblem: nil) == .accept(missing: nil))
        #expect(
            chain.admit(base: 120, fileSize: 50, headerProblem: nil)
                == .reject(.overlapsPreviousSegment(previousEnd: LogOffset(150))))
        #expect(
            chain.admit(base: 170, fileSize: 30, headerProblem: .badMagic)
                == .reject(.badHeader(.badMagic)))
        #expect(chain.admit(base: 200, fileSize: 30, headerProblem: nil) == .accept(missing: nil))
        #expect(
            chain.admit(base: 300, fileSize: 30, headerProblem: nil)
                == .accept(
                    missing: CorruptRegion(
                        offset: LogOffset(230), size: 70, kind: .missingSegmentData))
        )
    }
}
