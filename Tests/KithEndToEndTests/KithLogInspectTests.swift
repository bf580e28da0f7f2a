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

@Suite("KithLogTool stats and show")
struct KithLogInspectTests {
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
}
