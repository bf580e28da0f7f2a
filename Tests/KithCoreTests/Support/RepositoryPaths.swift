import Foundation

/// Where the repository's files are, found from this source file's path (never hard-coded).
enum RepositoryPaths {
    /// The repository root: three levels above `Tests/KithCoreTests/Support/`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // KithCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root

    /// `Protocol/vectors/`.
    static let vectors: URL = root.appendingPathComponent("Protocol").appendingPathComponent(
        "vectors")
}
