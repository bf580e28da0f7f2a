extension UnsafeRawBufferPointer {
    /// The byte at `offset`, or nil when `offset` is outside the buffer.
    @inlinable package func readByte(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return self[offset]
    }

    /// A big-endian integer read from `offset`, or nil when its bytes are not all inside the buffer.
    @inlinable package func readBigEndian<Integer: FixedWidthInteger>(
        _: Integer.Type, at offset: Int
    )
        -> Integer?
    {
        let size = MemoryLayout<Integer>.size
        guard offset >= 0, offset <= count - size else { return nil }
        return Integer(bigEndian: loadUnaligned(fromByteOffset: offset, as: Integer.self))
    }
}

extension Collection<UInt8> {
    /// The big-endian integer in the `size` bytes starting `offset` bytes into the collection, or
    /// nil when they are not all inside it.
    @inlinable package func readBigEndian<Integer: FixedWidthInteger>(
        _: Integer.Type, at offset: Int
    )
        -> Integer?
    {
        let size = MemoryLayout<Integer>.size
        guard offset >= 0, offset + size <= count else { return nil }
        var value: Integer = 0
        for byte in dropFirst(offset).prefix(size) {
            value = value << 8 | Integer(byte)
        }
        return value
    }
}

/// Calls `body` with the bytes of `collection` in contiguous memory, copying only when the
/// collection has no contiguous storage of its own.
@inlinable package func withContiguousBytes<R>(
    of collection: some Collection<UInt8>,
    _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    if let result = try collection.withContiguousStorageIfAvailable({
        try body(UnsafeRawBufferPointer($0))
    }) {
        return result
    }
    let copy = Array(collection)
    return try copy.withUnsafeBytes { try body($0) }
}
