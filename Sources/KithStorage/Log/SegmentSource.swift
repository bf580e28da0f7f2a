import KithSystem

/// Where a ``SegmentScanner`` reads a segment's bytes: an open segment file, or (for tests and
/// fuzzing) bytes in memory, so that the scanning and recovery rules run without file IO.
package protocol SegmentSource {
    /// Reads up to `buffer.count` bytes at position `offset`; returns how many were read, 0 at the
    /// end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(Errno) -> Int
}

extension FileDescriptor: SegmentSource {}

/// A segment held in memory: its bytes read as a ``SegmentSource`` never fail.
package struct InMemorySegment: SegmentSource {
    /// The segment's bytes, header included.
    package let bytes: [UInt8]

    /// A segment made of `bytes`.
    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The size of the segment in bytes.
    package var size: UInt64 { UInt64(bytes.count) }

    /// Copies bytes from `offset` into `buffer`; 0 at or past the end.
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(Errno)
        -> Int
    {
        guard offset < size else { return 0 }
        let start = Int(offset)
        let count = min(buffer.count, bytes.count - start)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
        }
        return count
    }
}
