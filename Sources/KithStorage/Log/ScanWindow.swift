import KithSystem

/// A large read buffer that holds a contiguous range of one file (or other ``SegmentSource``),
/// refilled with big `pread` calls so that scanning a segment costs one system call per megabyte
/// rather than one per record.
final class ScanWindow {
    /// The buffer; bytes `[0, count)` hold file bytes `[start, start + count)`.
    private let storage: UnsafeMutableRawBufferPointer
    /// The file position of the first byte in the window.
    private(set) var start: UInt64 = 0
    /// How many bytes the window holds.
    private(set) var count = 0

    /// A window of `capacity` bytes; it must exceed ``RecordFormat/maxRecordSize``.
    init(capacity: Int) {
        storage = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(capacity, RecordFormat.maxRecordSize * 2), alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// The file position just after the last byte held.
    var end: UInt64 { start + UInt64(count) }

    /// The bytes held.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: storage[0..<count])
    }

    /// Forgets the held bytes (the file may have changed after them).
    func discard() {
        count = 0
    }

    /// Makes the window hold file bytes `[position, min(position + needed, fileEnd))`, reading more
    /// than needed when it reads at all.
    ///
    /// Returns the file end actually seen: smaller than `fileEnd` when the file was cut shorter
    /// meanwhile.
    func ensure(
        from position: UInt64, needed: Int, fileEnd: UInt64, source: some SegmentSource
    ) throws(Errno) -> UInt64 {
        let wantedEnd = min(position + UInt64(needed), fileEnd)
        if position >= start && end >= wantedEnd && position <= end {
            return fileEnd
        }
        if position >= start && position < end {
            let keep = Int(end - position)
            let from = Int(position - start)
            if from > 0, let base = storage.baseAddress {
                base.copyMemory(from: base + from, byteCount: keep)
            }
            count = keep
        } else {
            count = 0
        }
        start = position
        while count < storage.count && end < fileEnd {
            let room = min(storage.count - count, Int(min(fileEnd - end, UInt64(Int.max))))
            let read = try source.read(
                into: UnsafeMutableRawBufferPointer(rebasing: storage[count..<(count + room)]),
                at: end)
            if read == 0 { return end }
            count += read
        }
        return fileEnd
    }
}
