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

/// Runs `kith-log` with `arguments` in the scratch space's environment.
private func kithLog(_ arguments: [String], _ space: ScratchSpace) async throws
    -> KithBinary.Result
{
    try await KithBinary.kithLog().run(arguments, environment: space.environment())
}

/// Runs `kith --home home` with `arguments` and expects success.
@discardableResult
private func kith(_ arguments: [String], home: String, _ space: ScratchSpace) async throws
    -> KithBinary.Result
{
    let result = try await KithBinary.kith().run(
        ["--home", home] + arguments, environment: space.environment())
    #expect(result.status == 0, "\(result)")
    return result
}

/// A JSON number as `UInt64`.
private func number(_ value: Any?) -> UInt64? {
    (value as? NSNumber)?.uint64Value
}

/// A log made by `kith`: `nick alice`, then posts "hello world" (#general), "second post"
/// (#random) and "third post" (#general). Returns the author's public key and fingerprint.
private func makeKithLog(home: String, _ space: ScratchSpace) async throws -> (
    key: String, fingerprint: String
) {
    try await kith(["nick", "alice"], home: home, space)
    try await kith(["post", "hello", "world"], home: home, space)
    try await kith(["post", "--channel", "random", "second post"], home: home, space)
    try await kith(["post", "third post"], home: home, space)
    let identity = try await kith(["id", "--json"], home: home, space)
    let object = try #require(try KithLogFixture.jsonLines(identity.standardOutput).first)
    return (
        try #require(object["public_key"] as? String),
        try #require(object["fingerprint"] as? String)
    )
}

@Suite("KithLogTool: the kith-log debug tool, end to end")
struct KithLogToolTests {
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
                #expect(fields.count >= 6, "\(line)")
                guard fields.count >= 6 else { continue }
                #expect(fields[0] == String(record.offset.rawValue))
                #expect(
                    fields[1] == TimeFormatting.iso8601UTC(millisecondsSinceEpoch: entry.timestamp))
                #expect(fields[2] == author.fingerprint)
                #expect(fields[3] == "#\(index + 1)")
                #expect(fields[4] == (index == 0 ? "about" : "post"))
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
            var alice = KithLogChainBuilder()
            let entries = [
                try alice.about(
                    "alice", at: try KithLogFixture.milliseconds("2026-11-28T16:00:00Z")),
                try alice.post(
                    "at five", at: try KithLogFixture.milliseconds("2026-11-28T17:00:00Z")),
                try alice.post(
                    "at six", at: try KithLogFixture.milliseconds("2026-11-28T18:00:00Z")),
            ]
            try KithLogFixture.ingest(entries, home: home)

            func texts(since: String) async throws -> [String] {
                let result = try await kithLog(
                    ["--home", home, "dump", "--json", "--since", since], space)
                #expect(result.status == 0, "\(result)")
                return try KithLogFixture.jsonLines(result.standardOutput).map {
                    ($0["text"] as? String) ?? ($0["name"] as? String) ?? "?"
                }
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

    @Test("verify exits 0 on a sound log and prints a summary")
    func verifySoundLog() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            let result = try await kithLog(["--home", home, "verify"], space)
            #expect(result.status == 0, "\(result)")
            #expect(
                result.outputLines == ["summary: 4 entries, 1 chain, 1 author, 0 forks, 0 problems"]
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
                    == "summary: 4 entries, 1 chain, 1 author, 1 fork, 0 problems")

            let strict = try await kithLog(["--home", home, "verify", "--strict"], space)
            #expect(strict.status == 1, "\(strict)")
            #expect(
                strict.outputLines.last
                    == "summary: 4 entries, 1 chain, 1 author, 1 fork, 1 problem")

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

    @Test("stats counts entries per author, channel and type, sizes, time span, forks, segments")
    func stats() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            var alice = KithLogChainBuilder()
            var bob = KithLogChainBuilder()
            let aliceAbout = try alice.about("alice", at: 1_000)
            let aliceFirstPost = try alice.post("a1", channel: "general", at: 2_000)
            let entries = [
                aliceAbout,
                aliceFirstPost,
                try bob.about("bob", at: 1_500),
                try alice.post("a2", channel: "random", at: 3_000),
                try bob.post("b1", channel: "general", at: 9_000),
                try alice.about("alice two", at: 4_000),
                try alice.fork(of: aliceFirstPost, text: "a1 again", at: 5_000),
                try alice.post("a3", channel: "general", at: 500),
            ]
            let outcomes = try KithLogFixture.ingest(entries, home: home)
            #expect(outcomes.allSatisfy { $0.wroteToLog })

            let result = try await kithLog(["--home", home, "stats", "--json"], space)
            #expect(result.status == 0, "\(result)")
            let object = try #require(try KithLogFixture.jsonLines(result.standardOutput).first)
            let entryBytes = entries.reduce(0) { $0 + UInt64($1.bytes.count) }
            let diskBytes = try #require(
                try FileManager.default.attributesOfItem(atPath: KithLogFixture.firstSegment(home))[
                    .size]
                    as? NSNumber
            ).uint64Value
            #expect(number(object["segments"]) == 1)
            #expect(number(object["disk_bytes"]) == diskBytes)
            #expect(number(object["records"]) == UInt64(entries.count))
            #expect(number(object["entries"]) == UInt64(entries.count))
            #expect(number(object["entry_bytes"]) == entryBytes)
            #expect(number(object["log_bytes"]) == entryBytes + 12 * UInt64(entries.count))
            #expect(number(object["log_bytes"]) == diskBytes - 16)
            #expect(number(object["first_timestamp"]) == entries.map(\.timestamp).min())
            #expect(number(object["last_timestamp"]) == entries.map(\.timestamp).max())
            #expect(number(object["forks"]) == 1)
            #expect(number(object["forked_chains"]) == 1)
            #expect(number(object["chains"]) == 2)

            let authors = try #require(object["authors"] as? [[String: Any]])
            #expect(authors.count == 2)
            #expect(authors.first?["author"] as? String == alice.key.publicKey.hex)
            #expect(authors.first?["name"] as? String == "alice two")
            #expect(number(authors.first?["entries"]) == 6)
            #expect(number(authors.first?["forks"]) == 1)
            #expect(authors.last?["fingerprint"] as? String == bob.key.publicKey.fingerprint.full)
            #expect(authors.last?["name"] as? String == "bob")
            #expect(number(authors.last?["entries"]) == 2)

            let channels = try #require(object["channels"] as? [[String: Any]])
            #expect(channels.map { $0["channel"] as? String } == ["general", "random"])
            #expect(channels.map { number($0["posts"]) } == [4, 1])

            let types = try #require(object["types"] as? [[String: Any]])
            #expect(types.map { $0["type"] as? String } == ["post", "about"])
            #expect(types.map { number($0["entries"]) } == [5, 3])

            let text = try await kithLog(["--home", home, "stats"], space)
            #expect(text.status == 0, "\(text)")
            #expect(text.outputLines.contains("authors (2):"))
            #expect(
                text.outputLines.contains {
                    $0.contains(alice.key.publicKey.fingerprint.full) && $0.contains("alice two")
                        && $0.contains("6 entries")
                })
            #expect(
                text.outputLines.contains { $0.hasPrefix("forks:") && $0.contains("1 fork entry") })
        }
    }

    @Test("show prints one entry by id or unique prefix; an unknown id exits 1")
    func show() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let author = try await makeKithLog(home: home, space)
            let records = try KithLogFixture.records(home)
            let entry = try Entry(decoding: records[1].payload)

            let full = try await kithLog(["--home", home, "show", entry.id.hex], space)
            #expect(full.status == 0, "\(full)")
            let fields = full.outputLines
            #expect(fields.first == "id: \(entry.id.hex)")
            for expected in [
                "offset: \(records[1].offset)", "author: \(author.key)",
                "fingerprint: \(author.fingerprint)", "sequence: 2",
                "previous: \(entry.previous.hex)",
                "content_type: 1 (post)", "channel: general", "text: hello world",
                "content_hex: " + entry.content.map { String(format: "%02x", $0) }.joined(),
                "signature: \(entry.signature.hex)", "signature_valid: yes", "fork: no",
            ] {
                #expect(fields.contains(expected), "missing '\(expected)' in \(full)")
            }

            let prefix = try await kithLog(
                ["--home", home, "show", String(entry.id.hex.prefix(8)).uppercased()], space)
            #expect(prefix.status == 0, "\(prefix)")
            #expect(prefix.standardOutput == full.standardOutput)

            let json = try await kithLog(["--home", home, "show", "--json", entry.id.hex], space)
            let object = try #require(try KithLogFixture.jsonLines(json.standardOutput).first)
            #expect(number(object["offset"]) == records[1].offset.rawValue)
            #expect(object["id"] as? String == entry.id.hex)
            #expect(object["text"] as? String == "hello world")
            #expect(object["signature_valid"] as? Bool == true)
            #expect(object["fork"] as? Bool == false)

            let ids = try records.map { try Entry(decoding: $0.payload).id.hex }
            let unknown = try #require(
                (0..<16).map { String(repeating: String($0, radix: 16), count: 8) }.first {
                    candidate in
                    !ids.contains { $0.hasPrefix(candidate) }
                })
            let missing = try await kithLog(["--home", home, "show", unknown], space)
            #expect(missing.status == 1, "\(missing)")
            #expect(missing.standardError.contains("no entry"))
            #expect(missing.standardOutput.isEmpty)

            let tooShort = try await kithLog(["--home", home, "show", "abc"], space)
            #expect(tooShort.status == 2, "\(tooShort)")
        }
    }

    @Test("follow prints existing entries, then one posted by another process; SIGTERM exits 0")
    func followSeesNewPost() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            let follower = try KithLogRunningProcess(
                try KithBinary.kithLog(), ["--home", home, "follow", "--json"],
                environment: space.environment())
            try await follower.wait(for: "the existing entries") { follower.outputLines.count == 4 }

            try await kith(["post", "arrived while following"], home: home, space)
            try await follower.wait(for: "the new post") { follower.outputLines.count == 5 }
            let objects = try KithLogFixture.jsonLines(follower.outputLines.joined(separator: "\n"))
            let records = try KithLogFixture.records(home)
            #expect(objects.last?["text"] as? String == "arrived while following")
            #expect(number(objects.last?["sequence"]) == 5)
            #expect(number(objects.last?["offset"]) == records.last?.offset.rawValue)

            let status = try await follower.stop(with: SIGTERM)
            #expect(status == 0, "\(follower.standardError)")
        }
    }

    @Test("follow --new prints only entries appended after it started; Ctrl-C exits 0")
    func followNewOnly() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            let follower = try KithLogRunningProcess(
                try KithBinary.kithLog(), ["--home", home, "follow", "--new"],
                environment: space.environment())
            try await follower.wait(for: "the note that it follows") {
                follower.standardError.contains("following")
            }
            #expect(follower.standardOutput.isEmpty)

            try await kith(["post", "--channel", "news", "fresh"], home: home, space)
            try await follower.wait(for: "the new post") { !follower.outputLines.isEmpty }
            #expect(follower.outputLines.count == 1)
            #expect(follower.outputLines.first?.hasSuffix("  #news  fresh") == true)

            let status = try await follower.stop(with: SIGINT)
            #expect(status == 0, "\(follower.standardError)")
        }
    }

    @Test("follow --limit N ends by itself after N records")
    func followLimit() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            _ = try await makeKithLog(home: home, space)
            let result = try await kithLog(
                ["--home", home, "follow", "--channel", "general", "--limit", "2"], space)
            #expect(result.status == 0, "\(result)")
            #expect(result.outputLines.count == 2)
            #expect(result.outputLines.last?.hasSuffix("#general  third post") == true)
        }
    }

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
