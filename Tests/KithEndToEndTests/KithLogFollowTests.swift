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

@Suite("KithLogTool follow: tail -f for a log")
struct KithLogFollowTests {
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
}
