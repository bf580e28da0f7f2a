/// One record read from the log: its log offset and its payload bytes.
public struct LogRecord: Sendable, Hashable {
    /// The log offset of the record (of its header's first byte).
    public var offset: LogOffset
    /// The payload, exactly as appended.
    public var payload: [UInt8]

    /// A record at `offset` holding `payload`.
    public init(offset: LogOffset, payload: [UInt8]) {
        self.offset = offset
        self.payload = payload
    }

    /// The log offset just after this record: where the next one starts.
    public var nextOffset: LogOffset {
        offset.advanced(by: UInt64(RecordFormat.headerSize + payload.count))
    }
}
