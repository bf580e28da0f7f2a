/// Records appended but not yet written to the segment file, in one contiguous block so that a
/// flush is a single `pwrite`.
final class WriteBuffer {
    private let storage: UnsafeMutableRawBufferPointer
    /// How many bytes are buffered.
    private(set) var count = 0
    /// Flush before a record would take the buffer past this many bytes.
    let threshold: Int

    /// A buffer that is flushed at `threshold` bytes; it has room for one more maximum-size record.
    init(threshold: Int) {
        self.threshold = threshold
        storage = UnsafeMutableRawBufferPointer.allocate(
            byteCount: threshold + RecordFormat.maxRecordSize, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// The buffered bytes.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: storage[0..<count])
    }

    /// Whether a record of `size` bytes fits without a flush first.
    func hasRoom(for size: Int) -> Bool {
        count == 0 || count + size <= threshold
    }

    /// Appends a record (header and payload) for `payload`. The caller has checked ``hasRoom(for:)``
    /// and the payload length.
    func appendRecord(payload: UnsafeRawBufferPointer) {
        let header = UnsafeMutableRawBufferPointer(
            rebasing: storage[count..<(count + RecordFormat.headerSize)])
        RecordFormat.writeHeader(forPayload: payload, into: header)
        let payloadStart = count + RecordFormat.headerSize
        UnsafeMutableRawBufferPointer(
            rebasing: storage[payloadStart..<(payloadStart + payload.count)]
        )
        .copyMemory(from: payload)
        count = payloadStart + payload.count
    }

    /// Forgets the buffered bytes (after they were written).
    func removeAll() {
        count = 0
    }
}
