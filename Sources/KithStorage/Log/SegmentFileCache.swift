import KithSystem

/// Read-only descriptors of segment files kept open for random reads by log offset, with the
/// record read itself (``readRecord(baseOffset:position:)``).
///
/// At most a few files stay open; when more are needed the cache closes the others.
final class SegmentFileCache {
    private let directory: SegmentDirectory
    private var files: [UInt64: FileDescriptor] = [:]
    private let limit = 16

    /// A cache for the segments of `directory`.
    init(directory: SegmentDirectory) {
        self.directory = directory
    }

    deinit {
        closeAll()
    }

    /// Closes every cached file.
    func closeAll() {
        for file in files.values { try? file.close() }
        files.removeAll()
    }

    /// An open descriptor of the segment with this base offset, after checking its header.
    ///
    /// Throws ``LogError/noRecord(offset:)`` for `offset` when the segment's header is wrong.
    private func file(baseOffset: UInt64, offset: LogOffset) throws(LogError) -> FileDescriptor {
        if let file = files[baseOffset] { return file }
        let segment = try directory.openSegment(baseOffset: baseOffset)
        guard segment.headerProblem == nil else {
            try? segment.file.close()
            throw LogError.noRecord(offset: offset)
        }
        if files.count >= limit { closeAll() }
        files[baseOffset] = segment.file
        return segment.file
    }

    /// Reads and checks the record at file position `position` of the segment with this base offset.
    func readRecord(baseOffset: UInt64, position: UInt64) throws(LogError) -> [UInt8] {
        let offset = LogOffset(baseOffset + position)
        guard position >= UInt64(SegmentFormat.headerSize) else {
            throw LogError.noRecord(offset: offset)
        }
        let file = try file(baseOffset: baseOffset, offset: offset)
        let header = try read(
            RecordFormat.headerSize, at: position, of: file, baseOffset: baseOffset)
        guard header.count == RecordFormat.headerSize else {
            throw LogError.noRecord(offset: offset)
        }
        guard header.starts(with: RecordFormat.magic) else {
            throw LogError.corruptRecord(offset: offset)
        }
        let length = header.withUnsafeBytes { Int(RecordFormat.readBigEndianUInt32($0, at: 4)) }
        let storedChecksum = header.withUnsafeBytes { RecordFormat.readBigEndianUInt32($0, at: 8) }
        guard RecordFormat.isValidPayloadLength(length) else {
            throw LogError.corruptRecord(offset: offset)
        }
        let payload = try read(
            length, at: position + UInt64(RecordFormat.headerSize), of: file, baseOffset: baseOffset
        )
        guard payload.count == length else { throw LogError.noRecord(offset: offset) }
        let checksum = payload.withUnsafeBytes { RecordFormat.checksum(payload: $0) }
        guard checksum == storedChecksum else { throw LogError.corruptRecord(offset: offset) }
        return payload
    }

    /// Reads up to `count` bytes at `position`; fewer at the end of the file.
    private func read(
        _ count: Int, at position: UInt64, of file: FileDescriptor, baseOffset: UInt64
    )
        throws(LogError) -> [UInt8]
    {
        do {
            return try file.read(count: count, at: position)
        } catch {
            throw error.log("pread", directory.segmentPath(baseOffset: baseOffset))
        }
    }
}
