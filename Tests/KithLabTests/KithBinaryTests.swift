import Foundation
import Testing

/// The locator that lab tests use to find the `kith` executable they run in their hosts.
@Suite("kith binary locator")
struct KithBinaryTests {
    @Test("finds the kith executable built next to the test bundle, or says where it looked")
    func locatesTheBuiltBinary() throws {
        let candidates = KithBinary.candidates
        #expect(candidates.isEmpty == false)
        #expect(candidates.allSatisfy { $0.lastPathComponent == "kith" })
        let binary = try KithBinary.locate()
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
    }
}
