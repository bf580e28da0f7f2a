import Foundation
import KithCore
import KithStorage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real crashes: `kith post` processes killed with SIGKILL at random moments.
///
/// Every post that `kith post` acknowledged (exit 0) must survive; after every kill the log must
/// open, verify, and continue the chain without reusing a sequence number.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    /// Runs `kith post` and kills it after `delay` microseconds (0: let it finish).
    /// Returns whether it acknowledged the post (exited 0 before the kill).
    private func postAndMaybeKill(
        _ kith: KithBinary, home: String, text: String, killAfterMicroseconds delay: UInt32,
        environment: [String: String]
    ) throws -> Bool {
        let process = Process()
        process.executableURL = kith.url
        process.arguments = ["--home", home, "post", text]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if delay > 0 {
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }

    @Test("posts acknowledged before a SIGKILL survive, and the chain continues soundly")
    func killedPostsLoseNothingAcknowledged() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            let environment = space.environment()
            // A first post creates the identity and the log; time it to aim the kills.
            let started = Date()
            #expect(
                try postAndMaybeKill(
                    kith, home: home, text: "first", killAfterMicroseconds: 0,
                    environment: environment))
            let typical = max(2_000, UInt32(Date().timeIntervalSince(started) * 1_000_000))
            var acknowledged: Set<String> = ["first"]
            var generator = SystemRandomNumberGenerator()
            var killedMidway = 0
            for round in 0..<60 {
                let text = "crash test \(round)"
                // Kill anywhere from process start-up to a little after a typical post's end.
                let delay = UInt32.random(in: 1...(typical + typical / 2), using: &generator)
                if try postAndMaybeKill(
                    kith, home: home, text: text, killAfterMicroseconds: delay,
                    environment: environment)
                {
                    acknowledged.insert(text)
                } else {
                    killedMidway += 1
                }
                try Self.checkLog(home: home, mustContain: acknowledged)
            }
            // Most runs should have been interrupted somewhere; if none were, the test proved nothing.
            #expect(killedMidway > 0)
            // A final clean post continues the chain.
            #expect(
                try postAndMaybeKill(
                    kith, home: home, text: "after the storm", killAfterMicroseconds: 0,
                    environment: environment))
            acknowledged.insert("after the storm")
            try Self.checkLog(home: home, mustContain: acknowledged)
        }
    }

    /// Opens the log as the node would and checks it: every acknowledged post present, the node's
    /// chain contiguous from 1 with no fork, and nothing damaged but a cut torn tail.
    static func checkLog(home: String, mustContain acknowledged: Set<String>) throws {
        let store = try EntryStore.open(directory: home)
        defer { try? store.close() }
        #expect(store.openReport.corruptRegions.isEmpty)
        #expect(store.openReport.recovery.corruptRegions.isEmpty)
        #expect(store.openReport.unchainedEntries == 0)
        #expect(try store.forks().isEmpty)
        let chains = store.chains
        // Only the node posts: one chain, or none when it was killed before its first post was
        // durable (and so before any was acknowledged).
        #expect(chains.count == 1 || (chains.isEmpty && acknowledged.isEmpty), "\(chains.count)")
        guard let (chain, state) = chains.first else { return }
        #expect(state.headSequence == store.entryCount)
        let entries = try store.entries(of: chain, from: 1, limit: Int(state.headSequence))
        #expect(entries.map(\.sequence) == Array(1...state.headSequence))
        for (earlier, later) in zip(entries, entries.dropFirst()) {
            #expect(later.previous == earlier.id)
            #expect(later.hasValidSignature)
        }
        let texts = Set(
            entries.compactMap { entry -> String? in
                if case .post(let post) = entry.decodedContent { return post.text }
                return nil
            })
        let missing = acknowledged.subtracting(texts)
        #expect(missing.isEmpty, "acknowledged posts lost: \(missing.sorted())")
    }
}

/// Damage to the log must never make `kith post` sign a sequence again (issue #9).
@Suite("Log damage and signed sequences")
struct LogDamageTests {
    /// Flips bits of the byte at `offset` of the first segment of the home's log.
    static func flipSegmentByte(home: String, offset: UInt64) throws {
        let path = home + "/log/00000000000000000000.kseg"
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: offset)
        handle.write(Data([byte ^ 0x4a]))
    }

    @Test("a damaged segment magic, or a damaged head record, refuses every later post; no fork")
    func damageRefusesPosting() async throws {
        let kith = try KithBinary.kith()
        for (what, offset) in [("segment magic", UInt64(0)), ("head record", UInt64(40))] {
            try await withScratchSpace { space in
                let home = space.path + "/node"
                let environment = space.environment()
                for number in 1...20 {
                    let post = try await kith.run(
                        ["--home", home, "post", "post \(number)"], environment: environment)
                    #expect(post.status == 0, "\(post)")
                }
                // The head record is the last one: damage its payload near its end.
                let size =
                    try FileManager.default.attributesOfItem(
                        atPath: home + "/log/00000000000000000000.kseg")[.size] as? UInt64 ?? 0
                try Self.flipSegmentByte(home: home, offset: offset == 0 ? 0 : size - offset)
                let refused = try await kith.run(
                    ["--home", home, "post", "after the damage"], environment: environment)
                #expect(refused.status == 1, "\(what): \(refused)")
                #expect(refused.standardError.contains("signed up to #20"), "\(what): \(refused)")
                #expect(!refused.standardOutput.contains("posted #"), "\(what): \(refused)")
                // Still refused on a second try: nothing signs past the loss.
                let again = try await kith.run(
                    ["--home", home, "post", "still after the damage"], environment: environment)
                #expect(again.status == 1, "\(what): \(again)")
                let verify = try await KithBinary.kithLog().run(
                    ["verify", "--home", home], environment: environment)
                #expect(!verify.standardOutput.contains("FORK"), "\(what): \(verify)")
            }
        }
    }
}
