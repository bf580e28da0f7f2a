/// The record framing of log.md ("Records"): pure functions, no IO.
///
/// A record is a 12-byte header followed by its payload:
///
/// | offset | size | field |
/// | --- | --- | --- |
/// | 0 | 4 | magic `"KREC"` |
/// | 4 | 4 | `length` n, big-endian `u32`, 1 to 16,567 |
/// | 8 | 4 | `checksum`, big-endian `u32`: CRC-32C of the length field ‖ payload |
/// | 12 | n | payload |
public enum RecordFormat {
    /// The magic that starts every record, `"KREC"`.
    public static let magic: [UInt8] = Array("KREC".utf8)

    /// The size of a record header: magic, length and checksum.
    public static let headerSize = 12

    /// The largest payload a record may carry, in bytes.
    ///
    /// Equals `EntryFormat.maxEntrySize` in KithCore (entries.md: the largest entry is 183 + 16,384
    /// bytes). The log treats payloads as opaque bytes, so it keeps its own copy of the number.
    public static let maxPayloadSize = 16_567

    /// The largest record: header plus the largest payload.
    public static let maxRecordSize = headerSize + maxPayloadSize

    /// Whether `length` is an allowed payload length (1 to ``maxPayloadSize``).
    public static func isValidPayloadLength(_ length: Int) -> Bool {
        length >= 1 && length <= maxPayloadSize
    }

    /// The record checksum: CRC-32C of the big-endian length field followed by the payload.
    public static func checksum(payload: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32C()
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: payload.count).bigEndian) { crc.update($0) }
        crc.update(payload)
        return crc.value
    }

    /// Writes the 12-byte header for `payload` into the start of `destination`.
    ///
    /// `destination` must hold at least ``headerSize`` bytes and the payload length must be valid
    /// (the caller checks it with ``isValidPayloadLength(_:)``).
    static func writeHeader(
        forPayload payload: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) {
        destination.copyBytes(from: magic)
        destination.storeBytes(
            of: UInt32(truncatingIfNeeded: payload.count).bigEndian, toByteOffset: 4,
            as: UInt32.self)
        destination.storeBytes(
            of: checksum(payload: payload).bigEndian, toByteOffset: 8, as: UInt32.self)
    }

    /// The complete record (header and payload) for `payload`, or nil when the payload is empty or
    /// larger than ``maxPayloadSize``.
    public static func encodeRecord(payload: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(payload)
        guard isValidPayloadLength(bytes.count) else { return nil }
        var record = [UInt8](repeating: 0, count: headerSize + bytes.count)
        record.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                writeHeader(forPayload: source, into: destination)
                UnsafeMutableRawBufferPointer(rebasing: destination[headerSize...]).copyMemory(
                    from: source)
            }
        }
        return record
    }

    /// The size (header plus payload) of the sound record that starts at `position` of `buffer`, or
    /// nil when no sound record starts there.
    ///
    /// The end of `buffer` is taken as the end of the data, so a record cut short by the end of the
    /// buffer is not sound. A record at `p` is sound when at least 12 bytes remain, the magic matches,
    /// 1 <= length <= 16,567, `12 + length` bytes remain, and the checksum matches (log.md).
    public static func soundRecordSize(in buffer: UnsafeRawBufferPointer, at position: Int) -> Int?
    {
        guard position >= 0, buffer.count - position >= headerSize else { return nil }
        guard hasMagic(buffer, at: position) else { return nil }
        let length = Int(readBigEndianUInt32(buffer, at: position + 4))
        guard isValidPayloadLength(length), buffer.count - position - headerSize >= length else {
            return nil
        }
        var crc = CRC32C()
        crc.update(UnsafeRawBufferPointer(rebasing: buffer[(position + 4)..<(position + 8)]))
        crc.update(
            UnsafeRawBufferPointer(
                rebasing: buffer[(position + headerSize)..<(position + headerSize + length)]))
        guard crc.value == readBigEndianUInt32(buffer, at: position + 8) else { return nil }
        return headerSize + length
    }

    /// The answer of a resynchronisation search (``findSoundRecord(in:from:dataEndsWithBuffer:)``).
    public enum SearchResult: Sendable, Hashable {
        /// A sound record starts at this position of the buffer.
        case found(Int)
        /// No sound record starts at any position before this one. If the data does not end with
        /// the buffer, the search must continue from here once more bytes are available.
        case notFound(searchedUpTo: Int)
    }

    /// Looks for the smallest position `q >= start` of `buffer` where a sound record starts (log.md,
    /// "Reading and recovery", step 3, called with `start = p + 1`).
    ///
    /// When `dataEndsWithBuffer` is false the buffer is a window onto longer data: only positions
    /// with a whole maximum-size record's worth of bytes after them are decided, and the result
    /// tells where to continue once the window has moved on.
    public static func findSoundRecord(
        in buffer: UnsafeRawBufferPointer, from start: Int, dataEndsWithBuffer: Bool
    ) -> SearchResult {
        let lastCandidate =
            dataEndsWithBuffer ? buffer.count - headerSize : buffer.count - maxRecordSize
        var candidate = max(start, 0)
        let firstMagicByte = magic[0]
        while candidate <= lastCandidate {
            if buffer[candidate] == firstMagicByte && hasMagic(buffer, at: candidate)
                && soundRecordSize(in: buffer, at: candidate) != nil
            {
                return .found(candidate)
            }
            candidate += 1
        }
        return .notFound(searchedUpTo: max(start, lastCandidate + 1))
    }

    private static func hasMagic(_ buffer: UnsafeRawBufferPointer, at position: Int) -> Bool {
        buffer[position] == magic[0] && buffer[position + 1] == magic[1]
            && buffer[position + 2] == magic[2]
            && buffer[position + 3] == magic[3]
    }

    static func readBigEndianUInt32(_ buffer: UnsafeRawBufferPointer, at position: Int) -> UInt32 {
        UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }
}
