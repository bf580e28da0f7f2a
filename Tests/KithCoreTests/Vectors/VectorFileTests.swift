import Foundation
import Testing

/// The vector files are exactly what the generator makes. With `KITH_WRITE_VECTORS=1` in the
/// environment the generator writes them instead (see Protocol/vectors/README.md).
@Suite("Vector files")
struct VectorFileTests {
    static var writing: Bool { ProcessInfo.processInfo.environment["KITH_WRITE_VECTORS"] == "1" }

    @Test("the committed vector files match the generator byte for byte")
    func filesMatchGenerator() throws {
        for (fileName, text) in try VectorDocuments.all() {
            let url = RepositoryPaths.vectors.appendingPathComponent(fileName)
            if Self.writing {
                try Data(text.utf8).write(to: url, options: .atomic)
            }
            let onDisk = try String(contentsOf: url, encoding: .utf8)
            #expect(
                onDisk == text,
                "\(fileName) differs from the generator; if a format change is intended, run KITH_WRITE_VECTORS=1 swift test --filter VectorFileTests"
            )
        }
    }
}
