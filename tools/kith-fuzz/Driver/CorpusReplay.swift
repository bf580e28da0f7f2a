import Foundation
import KithFuzzTargets

/// Runs corpus files through a target without libFuzzer: what a normal build of kith-fuzz does,
/// to reproduce a finding or check a corpus.
enum CorpusReplay {
    /// Runs every file named, and every file in every directory named, through `target`; returns
    /// the exit status. A failing check stops the process (the file is named on stderr first).
    static func run(_ target: FuzzTarget, paths: [String]) -> Int32 {
        guard !paths.isEmpty else { Usage.fail("name at least one input file or directory") }
        var count = 0
        for path in paths {
            guard let files = inputFiles(at: path) else {
                FileHandle.standardError.write(Data("kith-fuzz: cannot read \(path)\n".utf8))
                return 1
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("kith-fuzz: cannot read \(file)\n".utf8))
                    return 1
                }
                FileHandle.standardError.write(Data("running \(file)\n".utf8))
                target.run(Array(data))
                count += 1
            }
        }
        print("\(target.name): \(count) inputs, no finding")
        return 0
    }

    /// The file at `path`, or the regular files in the directory at `path`, sorted; nil when
    /// there is nothing readable there.
    private static func inputFiles(at path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return nil
        }
        guard isDirectory.boolValue else { return [path] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            return nil
        }
        return names.sorted().map { path + "/" + $0 }
    }
}
