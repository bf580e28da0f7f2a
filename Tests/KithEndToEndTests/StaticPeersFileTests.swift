import Foundation
import Testing

/// `<home>/peers` lists static peers for `kith node` and `kith chat`, like `--peer`.
@Suite("Static peers file")
struct StaticPeersFileTests {
    @Test("a malformed line in <home>/peers stops the node with the file and line named")
    func malformedLineIsRefused() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            try FileManager.default.createDirectory(
                atPath: home, withIntermediateDirectories: true)
            try "# my peers\n10.0.0.7\n[fe80::1\n".write(
                toFile: home + "/peers", atomically: true, encoding: .utf8)
            let result = try await kith.run(
                ["--home", home, "node", "--interface", "lo", "--no-multicast"],
                environment: space.environment(), timeout: .seconds(30))
            #expect(result.status != 0)
            #expect(result.standardError.contains(home + "/peers, line 3"))
        }
    }
}
