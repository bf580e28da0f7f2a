import Foundation

/// A small tmpfs mounted for one test, so that a test can fill a real file system to the last
/// byte without touching the machine's disks. Mounting needs root; tests that use it are enabled
/// only as root (CI runs as root).
public struct SmallFileSystem {
    /// Where the file system is mounted.
    public let path: String

    /// Why mounting, resizing or unmounting failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether this process may mount file systems.
    public static var isAvailable: Bool { getuid() == 0 }

    /// Mounts a tmpfs of `size` (as `mount` takes it: "1m", "4m") at `path`, creating the folder.
    public static func mount(at path: String, size: String) throws -> SmallFileSystem {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        return SmallFileSystem(path: path)
    }

    /// Changes the size, keeping the files (tmpfs can grow and shrink while mounted).
    public func resize(to size: String) throws {
        try Self.run("/bin/mount", ["-o", "remount,size=\(size)", path])
    }

    /// Unmounts (lazily, so that a file still open does not keep it mounted).
    public func unmount() {
        try? Self.run("/bin/umount", ["-l", path])
    }

    /// Fills the file system to the last byte with a file named `name`; returns its path.
    @discardableResult
    public func fill(name: String = "filler") -> String {
        let filler = path + "/" + name
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: filler) else { return filler }
        defer { try? handle.close() }
        for size in [64 * 1024, 512, 1] {
            let block = Data(count: size)
            while (try? handle.write(contentsOf: block)) != nil {}
        }
        return filler
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(executable) \(arguments.joined(separator: " ")) exited with "
                    + "status \(process.terminationStatus)")
        }
    }
}
