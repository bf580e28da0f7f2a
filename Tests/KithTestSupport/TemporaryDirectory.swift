import Foundation

/// A fresh, short directory under /tmp (Unix socket paths must stay short), removed afterwards.
public func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws
    -> Result
{
    let path = "/tmp/kith-node-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}
