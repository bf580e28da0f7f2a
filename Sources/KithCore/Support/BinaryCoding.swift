/// Appends big-endian integers and raw bytes to a buffer (for the index's own files).
package struct BinaryWriter {
    /// What was written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty buffer.
    package init() {}

    /// Appends 8 big-endian bytes.
    package mutating func write(_ value: UInt64) { bytes.appendBigEndian(value) }

    /// Appends 4 big-endian bytes.
    package mutating func write(_ value: UInt32) { bytes.appendBigEndian(value) }

    /// Appends one byte.
    package mutating func write(_ value: UInt8) { bytes.append(value) }

    /// Appends `data` as it is.
    package mutating func write(_ data: some Collection<UInt8>) { bytes.append(contentsOf: data) }
}

/// Reads big-endian integers and raw bytes; every read returns nil instead of running past the end.
package struct BinaryReader {
    private let bytes: [UInt8]
    /// How many bytes were read so far.
    package private(set) var position = 0

    /// A reader at the start of `bytes`.
    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// How many bytes are left to read.
    package var remaining: Int { bytes.count - position }

    /// The next 8 bytes as a big-endian integer.
    package mutating func readUInt64() -> UInt64? { readInteger() }

    /// The next 4 bytes as a big-endian integer.
    package mutating func readUInt32() -> UInt32? { readInteger() }

    /// The next byte.
    package mutating func readUInt8() -> UInt8? { readInteger() }

    /// The next `count` bytes.
    package mutating func readBytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, remaining >= count else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    private mutating func readInteger<Integer: FixedWidthInteger>() -> Integer? {
        guard let value = bytes.readBigEndian(Integer.self, at: position) else { return nil }
        position += MemoryLayout<Integer>.size
        return value
    }
}
