import Foundation
import KithCommandLine
import KithCore
import KithStorage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("KithLogTool: reading beside a writer, usage and log selection")
struct KithLogToolTests {
    @Test("kith-log reads while another process holds the writer lock, and changes nothing")
    func readsBesideAWriter() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            var alice = KithLogChainBuilder()
            let entries = [
                try alice.about("alice", at: 1_000), try alice.post("one", at: 2_000),
                try alice.post("two", at: 3_000),
            ]
            let store = try EntryStore.open(directory: home)
            defer { try? store.close() }
            _ = try store.ingest(entries.map(\.bytes))
            try store.sync()

            let blocked = try await KithBinary.kith().run(
                ["--home", home, "post", "blocked"], environment: space.environment())
            #expect(blocked.status != 0, "the writer lock is not held: \(blocked)")

            // A record being written: its first bytes only.
            try KithLogFixture.append(
                Array("KREC".utf8) + [0, 0], to: KithLogFixture.firstSegment(home))
            let logDirectory = KithLogFixture.logDirectory(home)
            func snapshot() throws -> [String: Data] {
                var files: [String: Data] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: logDirectory) {
                    files[name] = try Data(
                        contentsOf: URL(fileURLWithPath: logDirectory + "/" + name))
                }
                return files
            }
            let before = try snapshot()

            let dump = try await kithLog(["--home", home, "dump"], space)
            #expect(dump.status == 0, "\(dump)")
            #expect(dump.outputLines.count == 3)
            let verify = try await kithLog(["--log", logDirectory, "verify"], space)
            #expect(verify.status == 0, "\(verify)")
            #expect(verify.standardOutput.contains("warning: the log ends with a partial record"))
            let strict = try await kithLog(["--log", logDirectory, "verify", "--strict"], space)
            #expect(strict.status == 1, "\(strict)")
            let stats = try await kithLog(["--home", home, "stats"], space)
            #expect(stats.status == 0, "\(stats)")
            let show = try await kithLog(["--home", home, "show", entries[1].id.hex], space)
            #expect(show.status == 0, "\(show)")
            let follow = try await kithLog(["--home", home, "follow", "--limit", "3"], space)
            #expect(follow.status == 0, "\(follow)")

            #expect(try snapshot() == before)
        }
    }

    @Test("usage errors exit 2, a missing log exits 1, --log and KITH_HOME choose the log")
    func usageAndLocation() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            for arguments in [
                ["--home", home, "--log", home + "/log", "dump"],
                ["--home", home, "dump", "--limit", "0"],
                ["--home", home, "dump", "--type", "bogus"],
                ["--home", home, "dump", "--author", "xyz"],
                ["--home", home, "dump", "--channel", "Not A Channel"],
                ["--home", home, "frobnicate"],
                ["--home", home, "show"],
            ] {
                let result = try await kithLog(arguments, space)
                #expect(result.status == 2, "\(arguments): \(result)")
                #expect(result.standardOutput.isEmpty)
            }
            for command in ["dump", "verify", "stats", "show", "follow"] {
                let help = try await kithLog([command, "--help"], space)
                #expect(help.status == 0, "\(help)")
                #expect(help.standardOutput.hasPrefix("Usage: kith-log \(command)"), "\(help)")
            }

            let missing = try await kithLog(["--log", space.path + "/nothing", "verify"], space)
            #expect(missing.status == 1, "\(missing)")
            #expect(missing.standardError.contains("no log"))
            #expect(!FileManager.default.fileExists(atPath: space.path + "/nothing"))

            let viaHome = try await kithLog(["--home", home, "dump"], space)
            let viaLog = try await kithLog(["dump", "--log", home + "/log/"], space)
            let viaVariable = try await KithBinary.kithLog().run(
                ["dump"], environment: space.environment(["KITH_HOME": home]))
            #expect(viaHome.outputLines.count == 4)
            #expect(viaLog.standardOutput == viaHome.standardOutput)
            #expect(viaVariable.standardOutput == viaHome.standardOutput)
        }
    }
}
