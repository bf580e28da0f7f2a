/// Walks the records of one segment file from a position, as log.md ("Reading and recovery")
/// describes: sound records, corrupt regions found by resynchronising, and a torn tail at the end.
///
/// The scanner reads through a ``ScanWindow``, so payloads it hands out point into the window and
/// stay valid only until the next call to ``step()``. It reads from a ``SegmentSource``: the open
/// segment file, or bytes in memory.
package final class SegmentScanner<Source: SegmentSource> {
    /// One result of ``SegmentScanner/step()``; positions are file positions, not log offsets.
    package enum Step {
        /// A sound record starts at `position`; `payload` is valid until the next step.
        case record(position: UInt64, payload: UnsafeRawBufferPointer)
        /// Bytes `[start, end)` hold no sound record, and a sound record starts at `end`.
        case corrupt(start: UInt64, end: UInt64)
        /// The end of the file; `tornFrom` is where bytes without a sound record begin, if any.
        case end(tornFrom: UInt64?)
    }

    /// Where the segment's bytes are read: usually the open segment file.
    let source: Source
    /// The segment file's path, for error messages.
    let path: String
    /// The file position of the next record to examine.
    package private(set) var position: UInt64
    /// The size of the file as last seen.
    package private(set) var fileEnd: UInt64
    private let window: ScanWindow

    /// A scanner of `source` (whose size is `fileEnd`) starting at file position `position`.
    package init(
        source: Source, path: String, position: UInt64, fileEnd: UInt64,
        windowSize: Int = 1 << 20
    ) {
        self.source = source
        self.path = path
        self.position = position
        self.fileEnd = fileEnd
        self.window = ScanWindow(capacity: windowSize + RecordFormat.maxRecordSize)
    }

    /// Continues from `position` with a new file size, forgetting buffered bytes (the file may have
    /// grown, or been cut and rewritten, after the last sound record).
    package func restart(at position: UInt64, fileEnd: UInt64) {
        self.position = position
        self.fileEnd = fileEnd
        window.discard()
    }

    /// Examines the file at ``position`` and moves past what it finds.
    ///
    /// At a torn tail the position stays at the tail's start, so a reader that polls a growing file
    /// can ``restart(at:fileEnd:)`` there.
    package func step() throws(LogError) -> Step {
        if position >= fileEnd { return .end(tornFrom: nil) }
        try fill(from: position)
        if position >= fileEnd { return .end(tornFrom: nil) }
        let offsetInWindow = Int(position - window.start)
        if let size = RecordFormat.soundRecordSize(in: window.bytes, at: offsetInWindow) {
            let recordStart = position
            let payloadStart = offsetInWindow + RecordFormat.headerSize
            let payload = UnsafeRawBufferPointer(
                rebasing: window.bytes[payloadStart..<(offsetInWindow + size)])
            position += UInt64(size)
            return .record(position: recordStart, payload: payload)
        }
        return try resynchronise()
    }

    /// Finds the next sound record after ``position`` (log.md step 3).
    private func resynchronise() throws(LogError) -> Step {
        var candidate = position + 1
        while true {
            try fill(from: candidate)
            let dataEnds = window.end >= fileEnd
            let search = RecordFormat.findSoundRecord(
                in: window.bytes,
                from: Int(candidate - window.start),
                dataEndsWithBuffer: dataEnds
            )
            switch search {
            case .found(let index):
                let start = position
                position = window.start + UInt64(index)
                return .corrupt(start: start, end: position)
            case .notFound(let searchedUpTo):
                if dataEnds { return .end(tornFrom: position < fileEnd ? position : nil) }
                candidate = window.start + UInt64(searchedUpTo)
            }
        }
    }

    /// Makes the window hold a maximum record's worth of bytes from `from` (or up to the file end).
    private func fill(from start: UInt64) throws(LogError) {
        do {
            fileEnd = try window.ensure(
                from: start, needed: RecordFormat.maxRecordSize, fileEnd: fileEnd, source: source)
        } catch {
            throw error.log("pread", path)
        }
    }
}
