/// Reads a fuzz input as a few control bytes followed by data, never past its end: a byte or an
/// integer that is missing reads as zero, so every input means something.
struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    /// A reader at the start of `buffer`.
    init(_ buffer: UnsafeRawBufferPointer) {
        bytes = Array(buffer)
    }

    /// The next byte, 0 past the end.
    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// The next two bytes as a big-endian number, 0 for missing bytes.
    mutating func uint16() -> UInt16 {
        UInt16(byte()) << 8 | UInt16(byte())
    }

    /// The next `count` bytes, or fewer at the end.
    mutating func take(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, index + max(0, count))
        defer { index = end }
        return Array(bytes[index..<end])
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        take(bytes.count - index)
    }

    /// Whether everything has been read.
    var isAtEnd: Bool { index >= bytes.count }
}

/// Splits `bytes` into pieces whose sizes cycle through `pattern` (each size 1 to 256), the way
/// bytes arrive from a socket: decoders must give the same answer however their input is cut.
func chunks(of bytes: [UInt8], pattern: [UInt8]) -> [ArraySlice<UInt8>] {
    let sizes = pattern.isEmpty ? [bytes.count] : pattern.map { Int($0) + 1 }
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    var turn = 0
    while start < bytes.count {
        let end = min(bytes.count, start + sizes[turn % sizes.count])
        pieces.append(bytes[start..<end])
        start = end
        turn += 1
    }
    return pieces
}
