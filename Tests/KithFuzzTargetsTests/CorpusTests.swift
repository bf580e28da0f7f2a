import Foundation
import KithFuzzTargets
import Testing

/// Every seed of every corpus under tools/kith-fuzz/corpus runs through its target in the normal
/// test run, without libFuzzer: a target that traps on a seed stops the test process.
@Suite struct CorpusTests {
    /// tools/kith-fuzz/corpus in this checkout.
    static let corpusDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/kith-fuzz/corpus")

    @Test(arguments: FuzzTargets.all.map(\.name))
    func seedsRunThroughTheirTarget(name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let directory = Self.corpusDirectory.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!files.isEmpty, "the corpus of \(name) is empty")
        for file in files.sorted() {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            target.run(Array(data))
        }
    }

    @Test func everyCorpusDirectoryBelongsToATarget() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path)
        #expect(Set(names) == Set(FuzzTargets.all.map(\.name)))
    }

    @Test func targetNamesAreUnique() {
        let names = FuzzTargets.all.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
