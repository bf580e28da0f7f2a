import Foundation
import KithStorage

/// A fresh directory under the system temporary directory, removed when the test is done.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "kith-log-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// Deterministic payload bytes of `size`, different for each `seed`.
func testPayload(size: Int, seed: Int) -> [UInt8] {
    var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
    return (0..<size).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        // Avoid "K" so no payload contains a record magic by accident.
        let byte = UInt8(truncatingIfNeeded: state >> 56)
        return byte == UInt8(ascii: "K") ? 0 : byte
    }
}

/// The path of a segment file.
func segmentPath(_ directory: String, base: UInt64) -> String {
    directory + "/" + SegmentFormat.fileName(baseOffset: base)
}

/// The bytes of a file.
func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Replaces a file's bytes.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Appends bytes to the end of a file.
func appendToFile(_ path: String, _ bytes: [UInt8]) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
}

/// The size of a file in bytes.
func fileSize(_ path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
}

/// The base offsets of the segment files in a directory, ascending.
func segmentBases(_ directory: String) throws -> [UInt64] {
    try FileManager.default.contentsOfDirectory(atPath: directory)
        .compactMap { SegmentFormat.baseOffset(fromFileName: $0) }
        .sorted()
}

/// A closed log holding one record per payload; returns the records with their offsets.
func makeLog(_ directory: String, payloads: [[UInt8]], options: LogOptions = LogOptions()) throws
    -> [LogRecord]
{
    let (log, _) = try SegmentedLog.open(directory: directory, options: options)
    var records: [LogRecord] = []
    for payload in payloads {
        records.append(LogRecord(offset: try log.append(payload), payload: payload))
    }
    try log.close()
    return records
}

/// Flips every bit of the byte at log offset `offset` of a single-segment log.
func flipByte(_ directory: String, at offset: LogOffset) throws {
    let path = segmentPath(directory, base: 0)
    var bytes = try fileBytes(path)
    bytes[Int(offset.rawValue)] ^= 0xFF
    try writeFile(path, bytes)
}
