import Foundation
import KithCore
import KithStorage
import KithTestSupport
import Testing

/// `Protocol/vectors/arrivals.json` (log.md, "The arrivals file"): records for the first two
/// entries of log.json's log (alice-1 posted here, alice-2 received from bob), the file holding
/// both, and records a reader rejects. With `KITH_WRITE_VECTORS=1` the test writes the file.
@Suite("Arrivals vectors")
struct ArrivalVectorTests {
    /// alice-1 and alice-2 of entries.json, at their log offsets in log.json (16, 231).
    static let alice1 = try! EntryID(
        hex: "f490e83c269876739e21c3a3a6409c1c949b309cea0022626f94df261dd75c61")
    static let alice2 = try! EntryID(
        hex: "fc4c2e5dfb93c21831bf153c99c3600b4650da7ad0414cf1bd23501b24ac10b3")
    /// alice's key in identity.json.
    static let alice = try! PublicKey(
        hex: "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")
    /// bob's key in identity.json.
    static let bob = try! PublicKey(
        hex: "dacee1c16c02b18db68e94e16d7ce4c7916a1720df5c3d0e5f539ba7dffbe936")

    static let records: [(name: String, record: ArrivalRecord)] = [
        (
            "alice-1, posted here",
            ArrivalRecord(
                logOffset: 16, id: alice1,
                arrival: Arrival(source: .posted, time: 1_795_885_200_000))
        ),
        (
            "alice-2, received in a session with bob",
            ArrivalRecord(
                logOffset: 231, id: alice2,
                arrival: Arrival(source: .peer(bob), time: 1_795_885_260_012))
        ),
        (
            "alice-2 again, received as an entry datagram from alice (the last record counts)",
            ArrivalRecord(
                logOffset: 231, id: alice2,
                arrival: Arrival(source: .datagram(alice), time: 1_795_885_260_010))
        ),
    ]

    /// Records a reader rejects, each broken in one way (the checksum recomputed unless it is
    /// the checksum that is wrong).
    static func invalid() -> [(name: String, bytes: [UInt8])] {
        let good = records[1].record.encoded()
        func resealed(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var bytes = Array(good[0..<60])
            change(&bytes)
            let checksum = CRC32C.checksum(bytes)
            return bytes + (0..<4).map { UInt8(truncatingIfNeeded: checksum >> (24 - 8 * $0)) }
        }
        var flipped = good
        flipped[63] ^= 0xFF
        return [
            ("checksum byte flipped", flipped),
            ("unknown source 3", resealed { $0[16] = 3 }),
            ("reserved byte 17 not zero", resealed { $0[17] = 1 }),
            ("posted here, with a peer key", resealed { $0[16] = 0 }),
            ("63 bytes: one short", Array(good.prefix(63))),
        ]
    }

    static func document() -> OrderedJSON {
        let file = ArrivalRecord.magic + records.flatMap { $0.record.encoded() }
        return .object([
            (
                "description",
                .string(
                    "The arrivals file (log.md): each record's fields and its 64 bytes, the file "
                        + "holding both after its magic, the same file with a torn last record "
                        + "(a reader reads only the first), and records a reader rejects.")
            ),
            ("magic", .string(TestHex.encode(ArrivalRecord.magic))),
            (
                "records",
                .array(
                    records.map { name, record in
                        let peer = record.arrival.source.sender?.hex ?? ""
                        let source: UInt64
                        switch record.arrival.source {
                        case .posted: source = 0
                        case .peer: source = 1
                        case .datagram: source = 2
                        }
                        return .object([
                            ("name", .string(name)),
                            ("logOffset", .integer(record.logOffset)),
                            ("time", .integer(record.arrival.time)),
                            ("source", .integer(source)),
                            ("peer", .string(peer)),
                            ("idPrefix", .string(TestHex.encode(record.idPrefix))),
                            ("hex", .string(TestHex.encode(record.encoded()))),
                        ])
                    })
            ),
            ("file", .string(TestHex.encode(file))),
            ("tornFile", .string(TestHex.encode(Array(file.dropLast(24))))),
            (
                "invalid",
                .array(
                    invalid().map {
                        .object([
                            ("name", .string($0.name)), ("hex", .string(TestHex.encode($0.bytes))),
                        ])
                    })
            ),
        ])
    }

    static var vectorsFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Protocol/vectors/arrivals.json")
    }

    @Test("arrivals.json matches the generator byte for byte")
    func fileMatchesGenerator() throws {
        let text = Self.document().rendered()
        if ProcessInfo.processInfo.environment["KITH_WRITE_VECTORS"] == "1" {
            try Data(text.utf8).write(to: Self.vectorsFile, options: .atomic)
        }
        #expect(
            try String(contentsOf: Self.vectorsFile, encoding: .utf8) == text,
            "arrivals.json differs; run KITH_WRITE_VECTORS=1 swift test --filter ArrivalVectorTests"
        )
    }

    @Test("records decode to their fields; broken ones are rejected; a torn tail is ignored")
    func decoding() throws {
        for (name, record) in Self.records {
            #expect(ArrivalRecord(decoding: record.encoded()) == record, "\(name)")
        }
        for (name, bytes) in Self.invalid() {
            #expect(ArrivalRecord(decoding: bytes) == nil, "\(name)")
        }
        try withTemporaryDirectory { directory in
            let path = directory + "/" + ArrivalsFile.fileName
            let file = ArrivalRecord.magic + Self.records.flatMap { $0.record.encoded() }
            try Data(file.dropLast(24)).write(to: URL(fileURLWithPath: path))
            let whole = Self.records.map(\.record)
            #expect(ArrivalsFile.read(path: path) == Array(whole.dropLast()))
            // A writer cuts the torn record and appends after the others.
            let writer = ArrivalsFile(path: path)
            writer.record(whole[whole.count - 1])
            writer.close()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(file))
            #expect(ArrivalsFile.read(path: path) == Self.records.map(\.record))
        }
    }
}
