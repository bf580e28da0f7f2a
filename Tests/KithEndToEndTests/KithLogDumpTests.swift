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

@Suite("KithLogTool dump: entries as text and JSON lines, filters")
struct KithLogDumpTests {
    @Test("dump prints every entry of a log made by kith, as text and as JSON lines")
    func dumpTextAndJSON() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let author = try await makeKithLog(home: home, space)
            let records = try KithLogFixture.records(home)
            let entries = try records.map { try Entry(decoding: $0.payload) }
            #expect(entries.count == 4)

            let json = try await kithLog(["--home", home, "dump", "--json"], space)
            #expect(json.status == 0, "\(json)")
            let objects = try KithLogFixture.jsonLines(json.standardOutput)
            #expect(objects.count == 4)
            for (index, (object, (record, entry))) in zip(objects, zip(records, entries))
                .enumerated()
            {
                #expect(number(object["offset"]) == record.offset.rawValue)
                #expect(object["id"] as? String == entry.id.hex)
                #expect(object["author"] as? String == author.key)
                #expect(object["fingerprint"] as? String == author.fingerprint)
                #expect(number(object["sequence"]) == UInt64(index + 1))
                #expect(number(object["timestamp"]) == entry.timestamp)
                #expect(number(object["size"]) == UInt64(record.payload.count))
                #expect(object["fork"] == nil)
                #expect(json.outputLines[index].hasPrefix("{\"offset\":\(record.offset),\"id\":"))
            }
            #expect(objects[0]["type"] as? String == "about")
            #expect(objects[0]["name"] as? String == "alice")
            #expect(objects[1]["channel"] as? String == "general")
            #expect(objects[1]["text"] as? String == "hello world")
            #expect(objects[2]["channel"] as? String == "random")
            #expect(objects[2]["text"] as? String == "second post")
            #expect(objects[3]["text"] as? String == "third post")

            let text = try await kithLog(["--home", home, "dump"], space)
            #expect(text.status == 0, "\(text)")
            #expect(text.outputLines.count == 4)
            for (index, (line, (record, entry))) in zip(text.outputLines, zip(records, entries))
                .enumerated()
            {
                let fields = line.components(separatedBy: "  ")
                #expect(fields.count >= 8, "\(line)")
                guard fields.count >= 8 else { continue }
                #expect(fields[0] == String(record.offset.rawValue))
                #expect(fields[1] == String(entry.id.hex.prefix(12)))
                #expect(
                    fields[2] == TimeFormatting.iso8601UTC(millisecondsSinceEpoch: entry.timestamp))
                #expect(fields[3] == "lobby")
                #expect(fields[4] == author.fingerprint + " (alice)")
                #expect(fields[5] == "#\(index + 1)")
                #expect(fields[6] == (index == 0 ? "about" : "post"))
            }
            #expect(text.outputLines[0].hasSuffix("  name: alice"))
            #expect(text.outputLines[1].hasSuffix("  #general  hello world"))
            #expect(text.outputLines[2].hasSuffix("  #random  second post"))
            #expect(text.outputLines[3].hasSuffix("  #general  third post"))
        }
    }

    @Test("dump's filters select by author, channel, type, time, and --limit keeps the first N")
    func dumpFilters() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let alice = try await makeKithLog(home: home, space)
            var bob = KithLogChainBuilder()
            let bobEntries = [
                try bob.about("bob", at: 1_000),
                try bob.post("from bob", channel: "general", at: 2_000),
            ]
            try KithLogFixture.ingest(bobEntries, home: home)
            let all = try KithLogFixture.jsonLines(
                try await kithLog(["--home", home, "dump", "--json"], space).standardOutput)
            #expect(all.count == 6)

            func texts(_ arguments: [String]) async throws -> [String] {
                let result = try await kithLog(
                    ["--home", home, "dump", "--json"] + arguments, space)
                #expect(result.status == 0, "\(result)")
                return try KithLogFixture.jsonLines(result.standardOutput).map {
                    ($0["text"] as? String) ?? ($0["name"] as? String) ?? "?"
                }
            }
            #expect(try await texts(["--channel", "random"]) == ["second post"])
            #expect(
                try await texts(["--channel", "#General"]) == [
                    "hello world", "third post", "from bob",
                ])
            #expect(try await texts(["--type", "about"]) == ["alice", "bob"])
            #expect(try await texts(["--type", "2"]) == ["alice", "bob"])
            #expect(try await texts(["--type", "0x0002"]) == ["alice", "bob"])
            #expect(
                try await texts(["--author", String(alice.fingerprint.prefix(9))])
                    == ["alice", "hello world", "second post", "third post"])
            #expect(try await texts(["--author", bob.key.publicKey.hex]) == ["bob", "from bob"])
            #expect(
                try await texts(["--author", bob.key.publicKey.fingerprint.full]) == [
                    "bob", "from bob",
                ])
            #expect(try await texts(["--limit", "2"]) == ["alice", "hello world"])
            #expect(
                try await texts(["--author", alice.key, "--type", "post", "--limit", "1"])
                    == ["hello world"])
            #expect(try await texts(["--author", SigningKey.generate().publicKey.hex]).isEmpty)

            let cutoff = try #require(number(all[2]["timestamp"]))
            let expected = all.filter { (number($0["timestamp"]) ?? 0) >= cutoff }.map {
                ($0["text"] as? String) ?? ($0["name"] as? String) ?? "?"
            }
            #expect(expected.contains("second post") && !expected.contains("bob"))
            #expect(try await texts(["--since", String(cutoff)]) == expected)

            let limited = try await kithLog(["--home", home, "dump", "--limit", "3"], space)
            #expect(limited.outputLines.count == 3)
        }
    }

    @Test("dump --since reads ISO 8601 times, dates and offsets")
    func dumpSince() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let entries = try KithLogFixture.ingestHourly(["at five", "at six"], home: home)

            func texts(since: String) async throws -> [String] {
                try await dumpedTexts(home: home, ["--since", since], space)
            }
            #expect(try await texts(since: "2026-11-28T17:00:00Z") == ["at five", "at six"])
            #expect(try await texts(since: "2026-11-28T17:00:00.001Z") == ["at six"])
            #expect(try await texts(since: "2026-11-28T18:30:00+01:00") == ["at six"])
            #expect(try await texts(since: "2026-11-28") == ["alice", "at five", "at six"])
            #expect(try await texts(since: "2026-11-29").isEmpty)
            #expect(try await texts(since: String(entries[2].timestamp)) == ["at six"])

            for bad in ["yesterday", "2026-02-30", "2026-11-28T25:00:00Z", "-5"] {
                let result = try await kithLog(["--home", home, "dump", "--since", bad], space)
                #expect(result.status == 2, "\(bad): \(result)")
            }
        }
    }

    @Test("records that are not entries are dumped with their offset and fail verify")
    func undecodableRecords() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            var alice = KithLogChainBuilder()
            try KithLogFixture.ingest([try alice.post("fine", at: 1_000)], home: home)
            let (log, _) = try SegmentedLog.open(directory: KithLogFixture.logDirectory(home))
            let futureVersion = try log.append([0x02] + [UInt8](repeating: 0, count: 182))
            try log.sync()
            try log.close()

            let text = try await kithLog(["--home", home, "dump"], space)
            #expect(text.status == 0, "\(text)")
            #expect(text.outputLines.count == 2)
            #expect(
                text.outputLines.last?.hasPrefix("\(futureVersion)  undecodable record") == true)

            let json = try await kithLog(["--home", home, "dump", "--json"], space)
            let objects = try KithLogFixture.jsonLines(json.standardOutput)
            #expect(objects.count == 2)
            #expect(number(objects.last?["offset"]) == futureVersion.rawValue)
            #expect((objects.last?["error"] as? String)?.contains("version") == true)

            let filtered = try await kithLog(["--home", home, "dump", "--type", "post"], space)
            #expect(filtered.outputLines.count == 1)

            let verify = try await kithLog(["--home", home, "verify"], space)
            #expect(verify.status == 1, "\(verify)")
            #expect(verify.standardOutput.contains("log offset \(futureVersion): PROBLEM:"))
        }
    }
}
