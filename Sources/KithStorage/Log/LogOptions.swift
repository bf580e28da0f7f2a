/// Settings of a ``SegmentedLog`` writer.
public struct LogOptions: Sendable, Hashable {
    /// The size a segment may reach before the writer starts a new one, in bytes.
    ///
    /// A record that would take the current segment past this size goes to a new segment, unless
    /// the current segment holds no record yet (a record never spans two segments). The default is
    /// 64 MiB (67,108,864 bytes), as log.md specifies; smaller values are for tests. Must exceed the
    /// 16-byte segment header.
    public var segmentSize: UInt64

    /// How many bytes of appended records the writer collects in memory: when the next record would
    /// take the buffer past this size, the buffered records are written to the file first (one
    /// `pwrite`). ``SegmentedLog/sync()``, ``SegmentedLog/flush()`` and ``SegmentedLog/close()``
    /// write them at once. Default 1 MiB. With 0, each append first writes the record before it.
    public var writeBufferSize: Int

    /// The default segment size, 64 MiB.
    public static let defaultSegmentSize: UInt64 = 67_108_864

    /// The default write buffer size, 1 MiB.
    public static let defaultWriteBufferSize = 1 << 20

    /// Creates options; the defaults follow log.md.
    public init(
        segmentSize: UInt64 = LogOptions.defaultSegmentSize,
        writeBufferSize: Int = LogOptions.defaultWriteBufferSize
    ) {
        self.segmentSize = segmentSize
        self.writeBufferSize = writeBufferSize
    }

    /// A reason these options cannot be used, or nil when they are valid.
    var problem: String? {
        if segmentSize <= UInt64(SegmentFormat.headerSize) {
            return
                "segmentSize \(segmentSize) must be larger than the \(SegmentFormat.headerSize)-byte segment header"
        }
        if writeBufferSize < 0 {
            return "writeBufferSize \(writeBufferSize) must not be negative"
        }
        return nil
    }
}
