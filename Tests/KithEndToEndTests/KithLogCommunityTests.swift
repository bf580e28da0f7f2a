import Foundation
import KithCore
import KithStorage
import Testing

/// A home made by `kith` with entries in two communities: `nick alice` and a post in lobby, then
/// `community create garden`, `community leave lobby`, and two posts in garden (the first
/// community from then on; the nick was set before garden existed, so garden has no about). Returns garden's id in hex.
private func makeTwoCommunityLog(home: String, _ space: ScratchSpace) async throws -> String {
    try await kith(["nick", "alice"], home: home, space)
    try await kith(["post", "in the lobby"], home: home, space)
    try await kith(["community", "create", "garden"], home: home, space)
    try await kith(["community", "leave", "lobby"], home: home, space)
    try await kith(["post", "in the garden"], home: home, space)
    try await kith(["post", "--channel", "beds", "tulips"], home: home, space)
    let list = try await kith(["community", "list", "--json"], home: home, space)
    let garden = try #require(
        try KithLogFixture.jsonLines(list.standardOutput).first {
            $0["name"] as? String == "garden"
        })
    return try #require(garden["id"] as? String)
}

@Suite("KithLogTool: communities, ids, names, -n and --until")
struct KithLogCommunityTests {
    @Test("dump, stats and verify name each entry's community; --community selects one")
    func communities() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let gardenID = try await makeTwoCommunityLog(home: home, space)

            let dump = try await kithLog(["--home", home, "dump", "--type", "post"], space)
            #expect(dump.status == 0, "\(dump)")
            let communityColumn = dump.outputLines.map { $0.components(separatedBy: "  ")[3] }
            #expect(communityColumn == ["lobby", "garden", "garden"], "\(dump)")

            // Read by --log, the home's names are unknown: garden shows as its short id.
            let byLog = try await kithLog(
                ["--log", home + "/log", "dump", "--type", "post"], space)
            #expect(
                byLog.outputLines.map { $0.components(separatedBy: "  ")[3] } == [
                    "lobby", String(gardenID.prefix(16)), String(gardenID.prefix(16)),
                ], "\(byLog)")

            func texts(_ arguments: [String]) async throws -> [String] {
                try await dumpedTexts(home: home, ["--type", "post"] + arguments, space)
            }
            #expect(try await texts(["--community", "garden"]) == ["in the garden", "tulips"])
            #expect(
                try await texts(["--community", String(gardenID.prefix(8))]) == [
                    "in the garden", "tulips",
                ])
            #expect(try await texts(["--community", "lobby"]) == ["in the lobby"])
            let json = try KithLogFixture.jsonLines(
                try await kithLog(["--home", home, "dump", "--json"], space).standardOutput)
            #expect(json.last?["community_name"] as? String == "garden")

            let unknown = try await kithLog(["--home", home, "dump", "--community", "moon"], space)
            #expect(unknown.status == 2, "\(unknown)")
            #expect(unknown.standardError.contains("no community named 'moon'"))

            let stats = try await kithLog(["--home", home, "stats"], space)
            #expect(stats.status == 0, "\(stats)")
            #expect(stats.outputLines.contains("communities (2):"), "\(stats)")
            #expect(stats.outputLines.contains { $0.hasPrefix("  garden  1 chain, 2 entries") })
            #expect(stats.outputLines.contains { $0.hasPrefix("  lobby  1 chain, 2 entries") })
            let gardenStats = try KithLogFixture.jsonLines(
                try await kithLog(
                    ["--home", home, "stats", "--json", "--community", "garden"], space
                ).standardOutput)
            #expect(number(gardenStats.first?["entries"]) == 2)

            let verify = try await kithLog(["--home", home, "verify"], space)
            #expect(verify.status == 0, "\(verify)")
            #expect(
                verify.outputLines
                    == [
                        "summary: 4 entries, 2 chains (garden 1, lobby 1), 1 author, 0 forks, 0 problems"
                    ])
            let verifyGarden = try await kithLog(
                ["--home", home, "verify", "--community", "garden"], space)
            #expect(
                verifyGarden.outputLines
                    == ["summary: 2 entries, 1 chain (garden 1), 1 author, 0 forks, 0 problems"])
        }
    }

    @Test("dump prints short ids and names; show takes a short id or an offset; named types")
    func idsAndNames() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let author = try await makeKithLog(home: home, space)
            let dump = try await kithLog(["--home", home, "dump"], space)
            let third = try #require(dump.outputLines.dropFirst(2).first).components(
                separatedBy: "  ")
            #expect(third[4] == author.fingerprint + " (alice)")
            let records = try KithLogFixture.records(home)
            let entry = try Entry(decoding: records[2].payload)
            #expect(third[0] == String(records[2].offset.rawValue))
            #expect(third[1] == String(entry.id.hex.prefix(12)))

            for value in [third[1], third[0]] {
                let show = try await kithLog(["--home", home, "show", value], space)
                #expect(show.status == 0, "\(show)")
                #expect(show.outputLines.first == "id: \(entry.id.hex)", "\(value): \(show)")
            }
            let nowhere = try await kithLog(["--home", home, "show", "17"], space)
            #expect(nowhere.status == 1, "\(nowhere)")
            #expect(nowhere.standardError.contains("no record of the log starts at log offset 17"))

            for (name, code) in [("private", "3"), ("about", "2"), ("topic", "4"), ("POST", "1")] {
                let named = try await kithLog(["--home", home, "dump", "--type", name], space)
                let numbered = try await kithLog(["--home", home, "dump", "--type", code], space)
                #expect(named.status == 0, "\(name): \(named)")
                #expect(named.standardOutput == numbered.standardOutput, "\(name)")
            }
            let bad = try await kithLog(["--home", home, "dump", "--type", "secret"], space)
            #expect(bad.status == 2)
            #expect(bad.standardError.contains("post, about, private, topic"), "\(bad)")
        }
    }

    @Test("dump -n N prints the last N newest first; --until keeps entries before a time")
    func lastAndUntil() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            try KithLogFixture.ingestHourly(["at five", "at six", "at seven"], home: home)
            func texts(_ arguments: [String]) async throws -> [String] {
                try await dumpedTexts(home: home, arguments, space)
            }
            #expect(try await texts(["-n", "2"]) == ["at seven", "at six"])
            #expect(
                try await texts(["--last", "10"]) == ["at seven", "at six", "at five", "alice"])
            #expect(try await texts(["-n", "1", "--type", "about"]) == ["alice"])
            #expect(try await texts(["--until", "2026-11-28T18:00:00Z"]) == ["alice", "at five"])
            #expect(
                try await texts(["--since", "2026-11-28T17:00:00Z", "--until", "2026-11-28T19:00Z"])
                    == ["at five", "at six"])
            #expect(
                try await texts(["-n", "1", "--until", "2026-11-28T18:30:00Z"]) == ["at six"])

            for bad in [
                ["-n", "0"], ["-n", "2", "--limit", "2"],
                ["--since", "2026-11-28T18:00Z", "--until", "2026-11-28T17:00Z"],
                ["--until", "later"],
            ] {
                let result = try await kithLog(["--home", home, "dump"] + bad, space)
                #expect(result.status == 2, "\(bad): \(result)")
            }
        }
    }
}
