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

@Suite("KithLogTool verify: framing, checksums, signatures, chains, forks")
struct KithLogVerifyTests {
    @Test("verify exits 0 on a sound log and prints a summary")
    func verifySoundLog() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            let result = try await kithLog(["--home", home, "verify"], space)
            #expect(result.status == 0, "\(result)")
            #expect(
                result.outputLines == [
                    "summary: 4 entries, 1 chain (lobby 1), 1 author, 0 forks, 0 problems"
                ]
            )
            #expect(result.standardError.isEmpty)
            let strict = try await kithLog(["--home", home, "verify", "--strict"], space)
            #expect(strict.status == 0, "\(strict)")
        }
    }

    @Test("verify exits 1 and prints the offset after a byte in the middle of a record flips")
    func verifyFindsCorruption() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            let records = try KithLogFixture.records(home)
            let damaged = records[1]
            try KithLogFixture.flipByte(
                at: damaged.offset.rawValue + 12 + UInt64(damaged.payload.count / 2),
                in: KithLogFixture.firstSegment(home))

            let result = try await kithLog(["--home", home, "verify"], space)
            #expect(result.status == 1, "\(result)")
            let corruptLine = result.outputLines.first {
                $0.hasPrefix("log offset \(damaged.offset): PROBLEM: corrupt region")
            }
            #expect(corruptLine != nil, "\(result)")
            #expect(result.standardOutput.contains("log offset \(records[2].offset): PROBLEM: gap"))
            #expect(result.outputLines.last?.hasSuffix("2 problems") == true, "\(result)")
            #expect(result.standardError.contains("not sound"))

            let dump = try await kithLog(["--home", home, "dump"], space)
            #expect(dump.status == 0, "\(dump)")
            #expect(dump.outputLines.count == 3)
            #expect(dump.standardError.contains("corrupt region"))
        }
    }

    @Test("verify reports a fork with exit 0, and with exit 1 under --strict")
    func verifyReportsFork() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            var alice = KithLogChainBuilder()
            let first = try alice.post("one", at: 1_000)
            let second = try alice.post("two", at: 2_000)
            let fork = try alice.fork(of: second, text: "two, again", at: 2_500)
            let third = try alice.post("three", at: 3_000)
            let outcomes = try KithLogFixture.ingest([first, second, fork, third], home: home)
            guard case .forkRecorded = outcomes[2] else {
                Issue.record("the fork was not recorded: \(outcomes[2])")
                return
            }
            let records = try KithLogFixture.records(home)
            #expect(records.count == 4)
            let fingerprint = alice.key.publicKey.fingerprint.full

            let result = try await kithLog(["--home", home, "verify"], space)
            #expect(result.status == 0, "\(result)")
            let forkLine = try #require(
                result.outputLines.first { $0.hasPrefix("log offset \(records[2].offset): FORK:") },
                "\(result)")
            #expect(forkLine.contains("author \(fingerprint) sequence 2"))
            #expect(forkLine.contains("at log offset \(records[1].offset)"))
            #expect(
                result.outputLines.last
                    == "summary: 4 entries, 1 chain (lobby 1), 1 author, 1 fork, 0 problems")

            let strict = try await kithLog(["--home", home, "verify", "--strict"], space)
            #expect(strict.status == 1, "\(strict)")
            #expect(
                strict.outputLines.last
                    == "summary: 4 entries, 1 chain (lobby 1), 1 author, 1 fork, 1 problem")

            let dump = try KithLogFixture.jsonLines(
                try await kithLog(["--home", home, "dump", "--json"], space).standardOutput)
            #expect(dump.map { $0["fork"] as? Bool } == [nil, nil, true, nil])
            let text = try await kithLog(["--home", home, "dump"], space)
            #expect(text.outputLines[2].hasSuffix("[fork]"))

            let show = try await kithLog(["--home", home, "show", fork.id.hex], space)
            #expect(show.outputLines.contains("fork: yes"), "\(show)")
        }
    }

    @Test("verify and show report an entry whose signature does not verify")
    func badSignature() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            var alice = KithLogChainBuilder()
            let good = try alice.post("signed", at: 1_000)
            try KithLogFixture.ingest([good], home: home)
            var forged = try alice.post("forged", at: 2_000).bytes
            forged[forged.count - 1] ^= 0x01
            let forgedEntry = try Entry(decoding: forged)
            let (log, _) = try SegmentedLog.open(directory: KithLogFixture.logDirectory(home))
            let offset = try log.append(forged)
            try log.sync()
            try log.close()

            let verify = try await kithLog(["--home", home, "verify"], space)
            #expect(verify.status == 1, "\(verify)")
            #expect(verify.standardOutput.contains("log offset \(offset): PROBLEM: bad signature"))

            let show = try await kithLog(["--home", home, "show", forgedEntry.id.hex], space)
            #expect(show.status == 0, "\(show)")
            #expect(show.outputLines.contains("signature_valid: no"))
            let goodShow = try await kithLog(
                ["--home", home, "show", good.id.hex, "--json"], space)
            let object = try #require(try KithLogFixture.jsonLines(goodShow.standardOutput).first)
            #expect(object["signature_valid"] as? Bool == true)
        }
    }
}
