import Foundation

/// Finds the built `kith` executable for lab tests that run real nodes.
///
/// SwiftPM puts executables next to the test bundle (`.build/<triple>/debug/kith` beside
/// `KithPackageTests.xctest`), so the search starts in the directory of the running test binary.
/// `KITH_BINARY` overrides the search.
enum KithBinary {
    /// The executable's name.
    static let name = "kith"

    /// The places searched, in order.
    static var candidates: [URL] {
        var directories: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(
            atPath: "/proc/self/exe")
        {
            directories.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL {
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        var seen = Set<String>()
        var urls: [URL] = []
        if let path = ProcessInfo.processInfo.environment["KITH_BINARY"], !path.isEmpty {
            urls.append(URL(fileURLWithPath: path))
        }
        for directory in directories where seen.insert(directory.standardizedFileURL.path).inserted
        {
            urls.append(directory.appendingPathComponent(name))
        }
        return urls
    }

    /// The executable, or `LabError.binaryNotFound` naming every place searched.
    static func locate() throws(LabError) -> URL {
        let searched = candidates
        if let found = searched.first(where: {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }) {
            return found
        }
        throw .binaryNotFound(name: name, searched: searched.map(\.path))
    }

    /// True when `locate()` would find the executable.
    static var isBuilt: Bool { (try? locate()) != nil }
}
