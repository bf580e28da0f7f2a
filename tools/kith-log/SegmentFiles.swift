import KithStorage
import KithSystem

/// The segment files of a log directory and their sizes on disk (log.md, "Segments": files
/// named by 20 decimal digits and `.kseg`; other files, such as `LOCK`, are not segments).
struct SegmentFiles: Sendable {
    /// One segment file.
    struct File: Sendable {
        /// The base offset in its name.
        var baseOffset: UInt64
        /// Its size in bytes.
        var size: UInt64
    }

    /// The segments, by base offset.
    let files: [File]

    /// Lists the segments of the log in `directory`.
    init(directory: String) throws(KithLogError) {
        let names: [String]
        do {
            names = try FileSystem.contentsOfDirectory(directory)
        } catch {
            throw .log(.io(operation: "opendir", path: directory, errno: error))
        }
        var files: [File] = []
        for name in names {
            guard let base = SegmentFormat.baseOffset(fromFileName: name) else { continue }
            let path = directory + "/" + name
            do {
                files.append(File(baseOffset: base, size: try FileSystem.fileSize(path)))
            } catch {
                throw .log(.io(operation: "stat", path: path, errno: error))
            }
        }
        self.files = files.sorted { $0.baseOffset < $1.baseOffset }
    }

    /// The bytes of all segment files together.
    var totalSize: UInt64 { files.reduce(0) { $0 + $1.size } }
}
