import Foundation

/// Where the repository's files are, found from this source file's path (never hard-coded).
enum MeshRepositoryPaths {
    /// The repository root: three levels above `Tests/KithMeshTests/Support/`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // KithMeshTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root

    /// `Protocol/vectors/`.
    static let vectors: URL = root.appendingPathComponent("Protocol").appendingPathComponent(
        "vectors")
}
