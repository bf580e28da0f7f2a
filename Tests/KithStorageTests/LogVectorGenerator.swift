import Foundation
import KithCore
import KithTestSupport

@testable import KithStorage

/// The contents of log.json, built by appending entries to a fresh log in a temporary directory.
struct LogVectors {
    /// `Protocol/vectors/`, found from this source file's path.
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // KithStorageTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("Protocol")
        .appendingPathComponent("vectors")

    /// How many entries the log holds: the first ones `chainSteps` appends, in that order.
    static let entryCount = 5

    /// Bytes appended after the last record in the `garbage-appended` case: a record header with
    /// a wrong checksum and its 16 payload bytes.
    static let garbage =
        Array("KREC".utf8) + [0, 0, 0, 16] + [0, 0, 0, 0] + Array("not a real entry".utf8)

    /// Inputs of the CRC-32C check values, with their names.
    var checksumInputs: [(name: String, bytes: [UInt8])]
    /// The records of the segment, in log order.
    var records: [VectorRecord]
    /// The whole segment file (base offset 0).
    var segment: [UInt8]
    /// Damaged copies of the segment and what recovery finds in them.
    var cases: [RecoveryCase]

    static func make() throws -> LogVectors {
        let entries = try chainOrderEntries()
        let (offsets, segment) = try withTemporaryDirectory { directory in
            let appended = try makeLog(directory, payloads: entries.map(\.bytes))
            guard try segmentBases(directory) == [0] else {
                throw LogVectorError("the vector log does not fit in one segment")
            }
            return (appended.map(\.offset.rawValue), try fileBytes(segmentPath(directory, base: 0)))
        }
        let records = zip(entries, offsets).map { entry, offset in
            let start = Int(offset)
            let end = start + RecordFormat.headerSize + entry.bytes.count
            return VectorRecord(
                entry: entry.name, offset: offset, payload: entry.bytes,
                bytes: Array(segment[start..<min(end, segment.count)]),
                checksum: CRC32C.checksum(bigEndianBytes(UInt32(entry.bytes.count)) + entry.bytes))
        }
        guard let first = records.first else { throw LogVectorError("no entry to append") }
        return LogVectors(
            checksumInputs: [
                ("log.md check value: the ASCII text \"123456789\"", Array("123456789".utf8)),
                ("no bytes", []),
                ("32 zero bytes (RFC 3720, B.4)", [UInt8](repeating: 0, count: 32)),
                ("32 bytes 0xff (RFC 3720, B.4)", [UInt8](repeating: 0xFF, count: 32)),
                ("32 bytes 0x00, 0x01, ..., 0x1f (RFC 3720, B.4)", (0..<32).map { UInt8($0) }),
                (
                    "the checksum of record \(first.entry): its length field and payload",
                    Array(first.bytes[4..<8]) + first.payload
                ),
            ],
            records: records, segment: segment,
            cases: recoveryCases(records: records, segment: segment))
    }

    /// The first ``entryCount`` entries of entries.json that its `chainSteps` append, in order.
    private static func chainOrderEntries() throws -> [(name: String, bytes: [UInt8])] {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("entries.json"))
        let document = try JSONDecoder().decode(EntryVectorsFile.self, from: data)
        var names: [String] = []
        for step in document.chainSteps where step.decision == "append" {
            if !names.contains(step.entry) && names.count < entryCount {
                names.append(step.entry)
            }
        }
        return try names.map { name in
            guard let entry = document.entries.first(where: { $0.name == name }) else {
                throw LogVectorError("entries.json has no entry \(name)")
            }
            return (name, try TestHex.bytes(entry.hex))
        }
    }

    /// The damaged segments, with what recovery must find, worked out from how they are made.
    private static func recoveryCases(records: [VectorRecord], segment: [UInt8]) -> [RecoveryCase] {
        var cases: [RecoveryCase] = []
        let size = UInt64(segment.count)
        if let last = records.last {
            let cut = Int(last.offset) + RecordFormat.headerSize + last.payload.count / 2
            cases.append(
                RecoveryCase(
                    name: "torn-last-record",
                    note:
                        "the segment cut off halfway through its last record's payload, as a crash "
                        + "during the append leaves it: the last record is a torn tail, which a "
                        + "writer cuts",
                    damage: .truncate(to: cut), bytes: Array(segment[..<cut]),
                    kept: Array(records.dropLast()), corruptRegions: [],
                    tornTail: TornTail(
                        offset: LogOffset(last.offset), size: UInt64(cut) - last.offset),
                    sizeAfterWriterOpens: last.offset))
        }
        let middleIndex = records.count / 2
        if records.count >= 3 {
            let middle = records[middleIndex]
            let position = Int(middle.offset) + RecordFormat.headerSize + middle.payload.count / 2
            var flipped = segment
            flipped[position] ^= 0xFF
            cases.append(
                RecoveryCase(
                    name: "flipped-payload-byte",
                    note:
                        "every bit of one byte in the middle record's payload flipped (xor 0xff): "
                        + "its checksum fails, the record is a corrupt region, the records after "
                        + "it are kept, and a writer cuts nothing",
                    damage: .flip(position: position), bytes: flipped,
                    kept: records.enumerated().filter { $0.offset != middleIndex }.map(\.element),
                    corruptRegions: [
                        CorruptRegion(
                            offset: LogOffset(middle.offset),
                            size: UInt64(middle.bytes.count))
                    ],
                    tornTail: nil, sizeAfterWriterOpens: size))
        }
        if let first = records.first {
            // Sound records (right checksum) whose payloads are not valid entries (log.md).
            let short = Array(first.payload.prefix(100))
            var badSignature = first.payload
            badSignature[badSignature.count - 1] ^= 0x01
            var appended: [UInt8] = []
            var kept = records
            for (payload, rule) in [(short, "length"), (badSignature, "signature")] {
                guard let record = RecordFormat.encodeRecord(payload: payload) else { continue }
                kept.append(
                    VectorRecord(
                        entry: "", notAnEntry: rule, offset: size + UInt64(appended.count),
                        payload: payload, bytes: record,
                        checksum: CRC32C.checksum(bigEndianBytes(UInt32(payload.count)) + payload))
                )
                appended += record
            }
            cases.append(
                RecoveryCase(
                    name: "records-not-entries-appended",
                    note:
                        "two sound records after the last: the first 100 bytes of \(first.entry) "
                        + "(not an entry: length), and \(first.entry) with its last signature byte "
                        + "changed (not an entry for a reader that checks signatures). Both are "
                        + "read as records, and skipped as entries; a writer cuts nothing",
                    damage: .append(appended), bytes: segment + appended, kept: kept,
                    corruptRegions: [], tornTail: nil,
                    sizeAfterWriterOpens: size + UInt64(appended.count)))
        }
        cases.append(
            RecoveryCase(
                name: "garbage-appended",
                note:
                    "bytes after the last record that hold no sound record (a record header with a "
                    + "wrong checksum and its payload): a torn tail, which a writer cuts",
                damage: .append(garbage), bytes: segment + garbage, kept: records,
                corruptRegions: [],
                tornTail: TornTail(offset: LogOffset(size), size: UInt64(garbage.count)),
                sizeAfterWriterOpens: size))
        return cases
    }

    /// log.json as ordered JSON.
    func document() -> OrderedJSON {
        .object([
            (
                "description",
                .string(
                    "A log made from the entry vectors (log.md): CRC-32C check values; the "
                        + "segment file of a fresh log after appending the first "
                        + "\(records.count) entries that entries.json's chainSteps append, with "
                        + "each record's log offset, payload length, checksum and bytes; and "
                        + "damaged copies of that segment, each with the records a reader reads "
                        + "(log offset and entry name), the corrupt regions and torn tail it "
                        + "finds, and the segment's size once a writer has opened the log (and cut "
                        + "the torn tail).")
            ),
            (
                "crc32c",
                .array(
                    checksumInputs.map { input in
                        .object([
                            ("name", .string(input.name)),
                            ("input", .string(TestHex.encode(input.bytes))),
                            (
                                "crc32c",
                                .string(
                                    TestHex.encode(bigEndianBytes(CRC32C.checksum(input.bytes))))
                            ),
                        ])
                    })
            ),
            (
                "segment",
                .object([
                    ("fileName", .string(SegmentFormat.fileName(baseOffset: 0))),
                    ("baseOffset", .integer(0)),
                    (
                        "records",
                        .array(
                            records.map { record in
                                .object([
                                    ("entry", .string(record.entry)),
                                    ("offset", .integer(record.offset)),
                                    ("length", .integer(UInt64(record.payload.count))),
                                    (
                                        "checksum",
                                        .string(TestHex.encode(bigEndianBytes(record.checksum)))
                                    ),
                                    ("hex", .string(TestHex.encode(record.bytes))),
                                ])
                            })
                    ),
                    ("size", .integer(UInt64(segment.count))),
                    ("hex", .string(TestHex.encode(segment))),
                ])
            ),
            ("recovery", .array(cases.map { $0.document() })),
            ("signedSequences", Self.signedSequencesDocument()),
        ])
    }

    /// The signed-sequence file (log.md) after alice (entries.json) signed sequences 1 and 2 of
    /// her chain in the default community: 2 is in the chain's first record, 1 in its second.
    static func signedSequencesDocument() -> OrderedJSON {
        let alice =
            (try? SigningKey(seed: Array(0...31)))?.publicKey ?? SigningKey.generate().publicKey
        let chain = ChainKey(author: alice, community: DefaultCommunity.id)
        let file =
            SignedSequences.magic + SignedSequences.encode(chain, sequence: 2)
            + SignedSequences.encode(chain, sequence: 1)
        return .object([
            ("author", .string(TestHex.encode(alice.bytes))),
            ("community", .string(TestHex.encode(DefaultCommunity.id.bytes))),
            ("signed", .array([.integer(1), .integer(2)])),
            ("hex", .string(TestHex.encode(file))),
            ("lastSigned", .integer(2)),
        ])
    }
}

/// One record of the vector segment.
struct VectorRecord {
    /// The name of the entry in entries.json that is the payload.
    var entry: String
    /// For a payload that is not a valid entry: the first rule of entries.md it breaks.
    var notAnEntry: String? = nil
    /// The record's log offset.
    var offset: UInt64
    /// The entry's bytes.
    var payload: [UInt8]
    /// The record as the segment file holds it: header and payload.
    var bytes: [UInt8]
    /// The record checksum, worked out from the length field and payload.
    var checksum: UInt32
}

/// A damaged copy of the vector segment and what recovery finds in it (log.md, "Reading and
/// recovery").
struct RecoveryCase {
    /// How the segment was damaged.
    enum Damage {
        case none
        case truncate(to: Int)
        case flip(position: Int)
        case append([UInt8])
    }

    var name: String
    var note: String
    var damage: Damage
    /// The damaged segment file.
    var bytes: [UInt8]
    /// The records a reader reads, in order.
    var kept: [VectorRecord]
    var corruptRegions: [CorruptRegion]
    var tornTail: TornTail?
    /// The segment file's size after a writer opens the log: a torn tail is cut, nothing else.
    var sizeAfterWriterOpens: UInt64

    func document() -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("name", .string(name)), ("note", .string(note))]
        switch damage {
        case .none: break
        case .truncate(let size): members.append(("truncateTo", .integer(UInt64(size))))
        case .flip(let position): members.append(("flipPosition", .integer(UInt64(position))))
        case .append(let bytes): members.append(("appended", .string(TestHex.encode(bytes))))
        }
        members += [
            ("hex", .string(TestHex.encode(bytes))),
            (
                "records",
                .array(
                    kept.map { record in
                        guard let rule = record.notAnEntry else {
                            return .object([
                                ("offset", .integer(record.offset)),
                                ("entry", .string(record.entry)),
                            ])
                        }
                        return .object([
                            ("offset", .integer(record.offset)), ("entry", .null),
                            ("notAnEntry", .string(rule)),
                        ])
                    })
            ),
            (
                "corruptRegions",
                .array(
                    corruptRegions.map {
                        .object([
                            ("offset", .integer($0.offset.rawValue)), ("size", .integer($0.size)),
                        ])
                    })
            ),
            (
                "tornTail",
                tornTail.map {
                    .object([("offset", .integer($0.offset.rawValue)), ("size", .integer($0.size))])
                } ?? .null
            ),
            ("sizeAfterWriterOpens", .integer(sizeAfterWriterOpens)),
        ]
        return .object(members)
    }
}

/// The parts of entries.json the log vectors use.
private struct EntryVectorsFile: Decodable {
    struct Entry: Decodable {
        var name: String
        var hex: String
    }
    struct Step: Decodable {
        var entry: String
        var decision: String
    }
    var entries: [Entry]
    var chainSteps: [Step]
}

/// A problem with the generator's inputs.
private struct LogVectorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The four big-endian bytes of `value` (conventions.md).
func bigEndianBytes(_ value: UInt32) -> [UInt8] {
    [
        UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
        UInt8(value & 0xFF),
    ]
}
