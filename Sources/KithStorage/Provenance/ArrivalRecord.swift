import KithCore

/// One record of the arrivals file (log.md, "The arrivals file"): which entry of the log, at which
/// log offset, arrived when and from where (pure codec).
///
/// | offset | size | field |
/// | --- | --- | --- |
/// | 0 | 8 | log offset of the entry's record, `u64` |
/// | 8 | 8 | arrival time, milliseconds since the Unix epoch, `u64` |
/// | 16 | 1 | source: 0 posted here, 1 received in a session, 2 received as an entry datagram |
/// | 17 | 3 | zero |
/// | 20 | 32 | the session peer's or the datagram's sender's public key (zeros when posted here) |
/// | 52 | 8 | the first 8 bytes of the entry's id |
/// | 60 | 4 | CRC-32C of bytes 0–59, `u32` |
public struct ArrivalRecord: Sendable, Hashable {
    /// The file's magic, `"KITHARV1"`, its first 8 bytes.
    public static let magic: [UInt8] = Array("KITHARV1".utf8)
    /// The size of a record in bytes.
    public static let size = 64

    /// The log offset of the entry's record.
    public var logOffset: UInt64
    /// The first 8 bytes of the entry's id, which tie the record to the entry at `logOffset`.
    public var idPrefix: [UInt8]
    /// When and from where.
    public var arrival: Arrival

    /// A record for the entry with `id` at `logOffset`.
    public init(logOffset: UInt64, id: EntryID, arrival: Arrival) {
        self.logOffset = logOffset
        self.idPrefix = Array(id.bytes.prefix(8))
        self.arrival = arrival
    }

    /// Whether the record describes `entry` (its id starts with the record's prefix).
    public func describes(_ entry: Entry) -> Bool {
        entry.id.bytes.prefix(8).elementsEqual(idPrefix)
    }

    /// The record's 64 bytes.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.size)
        Self.append(logOffset, to: &bytes)
        Self.append(arrival.time, to: &bytes)
        switch arrival.source {
        case .posted:
            bytes += [0, 0, 0, 0] + [UInt8](repeating: 0, count: PublicKey.byteCount)
        case .peer(let key):
            bytes += [1, 0, 0, 0] + key.bytes
        case .datagram(let key):
            bytes += [2, 0, 0, 0] + key.bytes
        }
        bytes += idPrefix
        let checksum = CRC32C.checksum(bytes)
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: checksum >> UInt32(shift)))
        }
        return bytes
    }

    /// Decodes a record, or returns nil when the bytes are not a sound record (a wrong length or
    /// checksum, an unknown source, non-zero reserved bytes, a key with a local post).
    public init?(decoding bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        guard bytes.count == Self.size else { return nil }
        let stored = bytes[60..<64].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard CRC32C.checksum(bytes[0..<60]) == stored, bytes[17..<20].allSatisfy({ $0 == 0 })
        else { return nil }
        let keyBytes = bytes[20..<52]
        let source: Arrival.Source
        switch bytes[16] {
        case 0:
            guard keyBytes.allSatisfy({ $0 == 0 }) else { return nil }
            source = .posted
        case 1, 2:
            guard let key = try? PublicKey(bytes: keyBytes) else { return nil }
            source = bytes[16] == 1 ? .peer(key) : .datagram(key)
        default:
            return nil
        }
        logOffset = Self.word(bytes, at: 0)
        idPrefix = Array(bytes[52..<60])
        arrival = Arrival(source: source, time: Self.word(bytes, at: 8))
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes[offset..<offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
