import KithSystem

/// The segment files of one log directory: listing them, naming them, opening them and checking
/// their headers. Touches the file system; holds no open files itself.
struct SegmentDirectory: Sendable {
    /// A segment file opened for reading, with its size and header check.
    struct OpenedSegment {
        /// The open file; the caller closes it.
        let file: FileDescriptor
        /// The file's path.
        let path: String
        /// The base offset in the file name.
        let baseOffset: UInt64
        /// The file's size when opened.
        let size: UInt64
        /// What is wrong with the header, or nil.
        let headerProblem: SegmentFormat.HeaderProblem?
    }

    /// The directory's path.
    let path: String

    /// The path of the segment file with this base offset.
    func segmentPath(baseOffset: UInt64) -> String {
        path + "/" + SegmentFormat.fileName(baseOffset: baseOffset)
    }

    /// The base offsets of all segment files, ascending. Other files are ignored.
    func listBaseOffsets() throws(LogError) -> [UInt64] {
        try listNames().compactMap { SegmentFormat.baseOffset(fromFileName: $0) }.sorted()
    }

    /// The names of leftover temporary segment files (`<20 digits>.kseg.tmp`).
    func listTemporaryFiles() throws(LogError) -> [String] {
        try listNames().filter { SegmentFormat.baseOffset(fromTemporaryFileName: $0) != nil }
            .sorted()
    }

    private func listNames() throws(LogError) -> [String] {
        do {
            return try FileSystem.contentsOfDirectory(path)
        } catch {
            throw error.log("readdir", path)
        }
    }

    /// Opens a segment file read-only (or read-write), reads its size and checks its header.
    func openSegment(baseOffset: UInt64, mode: FileDescriptor.AccessMode = .readOnly)
        throws(LogError)
        -> OpenedSegment
    {
        let segmentPath = segmentPath(baseOffset: baseOffset)
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(segmentPath, mode)
        } catch {
            throw error.log("open", segmentPath)
        }
        do {
            let size = try file.size()
            let header = try file.read(count: SegmentFormat.headerSize, at: 0)
            let problem = header.withUnsafeBytes {
                SegmentFormat.headerProblem($0, fileSize: size, expectedBaseOffset: baseOffset)
            }
            return OpenedSegment(
                file: file, path: segmentPath, baseOffset: baseOffset, size: size,
                headerProblem: problem)
        } catch {
            try? file.close()
            throw error.log("read header of", segmentPath)
        }
    }

    /// Creates the segment file with this base offset, holding just its header, and returns it open
    /// for reading and writing.
    ///
    /// The file appears atomically: the header is written to `<name>.tmp`, made durable, and the
    /// file renamed into place; then the directory is fsynced so the new name is durable too. A crash
    /// leaves either no segment or a complete header, never a half-made segment.
    func createSegment(baseOffset: UInt64) throws(LogError) -> FileDescriptor {
        let finalPath = segmentPath(baseOffset: baseOffset)
        let temporaryPath = finalPath + ".tmp"
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(
                temporaryPath, .readWrite, options: [.create, .truncate], permissions: 0o600)
        } catch {
            throw error.log("create", temporaryPath)
        }
        do {
            let header = SegmentFormat.header(baseOffset: baseOffset)
            try file.writeAll(header, at: 0)
            try file.dataSync()
        } catch {
            try? file.close()
            throw error.log("write header of", temporaryPath)
        }
        do {
            try FileSystem.rename(temporaryPath, to: finalPath)
        } catch {
            try? file.close()
            throw error.log("rename", temporaryPath)
        }
        do {
            try FileSystem.syncDirectory(path)
        } catch {
            try? file.close()
            throw error.log("fsync", path)
        }
        return file
    }

    /// The base offset of the last listed segment at or before `offset`, its index, or nil when
    /// every segment starts after `offset`.
    static func indexOfSegment(containing offset: UInt64, in bases: [UInt64]) -> Int? {
        var low = 0
        var high = bases.count
        while low < high {
            let middle = (low + high) / 2
            if bases[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
