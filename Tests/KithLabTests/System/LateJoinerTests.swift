import Foundation
import Glibc
import Testing

/// Scenario 3: a node that joins late catches up on a long history, exactly: every entry, once;
/// also when it is killed in the middle of its catch-up and restarted.
@Suite(
    "System: late joiner",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct LateJoinerTests {
    @Test("a late joiner catches up on 10,000 entries from 5 authors, exactly")
    func lateJoinerCatchesUpExactly() async throws {
        try await SystemLab.run { system in
            let (a, d, history) = try await Self.startHistoryHolder(in: system)
            try d.startNode(verbose: false)
            try await Self.waitForCatchUp(of: d, on: history, in: system)
            try await system.expectCleanStops([a, d])
            try await Self.expectExactCopy(of: history, on: d)
            try await system.expectSoundLogs([a, d])
        }
    }

    @Test("a late joiner killed during its catch-up resumes after a restart and ends exact")
    func killedDuringCatchUp() async throws {
        try await SystemLab.run { system in
            let (a, d, history) = try await Self.startHistoryHolder(in: system)
            try d.startNode(verbose: false)
            try await system.waitUntil(
                "d to start catching up", timeout: .seconds(120), poll: .milliseconds(100)
            ) {
                try await d.status()?.entryCount ?? 0 >= 500
            }
            #expect(try await d.crash() == .signaled(SIGKILL))

            try d.startNode(verbose: false)
            try await Self.waitForCatchUp(of: d, on: history, in: system)
            try await system.expectCleanStops([a, d])
            try await Self.expectExactCopy(of: history, on: d)
            try await system.expectSoundLogs([a, d])
        }
    }

    // MARK: Helpers

    /// Builds a bridge with hosts "a" and "d", fills a's home with the history, starts a's node
    /// and checks that it serves exactly the history. Returns a, d (not started) and the ids.
    private static func startHistoryHolder(in system: SystemLab) async throws
        -> (KithHost, KithHost, Set<String>)
    {
        try await system.lab.addBridge("lan")
        let a = try await system.addHost("a", bridges: ["lan"])
        let d = try await system.addHost("d", bridges: ["lan"])
        try FileManager.default.createDirectory(
            at: a.home, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let history = try HistoryFixture.write(into: a.home)
        #expect(history.count == HistoryFixture.authorCount * HistoryFixture.postsPerAuthor)

        try a.startNode(verbose: false)
        try await system.waitUntil("a's node to answer", timeout: .seconds(30)) {
            try await a.status() != nil
        }
        let aLog = try await a.log()
        #expect(aLog.idSet == history)
        #expect(aLog.ids.count == history.count)
        return (a, d, history)
    }

    /// Waits until d's node counts the whole history and its log shows every entry of it.
    private static func waitForCatchUp(
        of d: KithHost, on history: Set<String>, in system: SystemLab
    ) async throws {
        try await system.waitUntil(
            "d to hold a's \(history.count) entries", timeout: .seconds(180), poll: .seconds(1)
        ) {
            try await d.status()?.entryCount ?? 0 >= UInt64(history.count)
        }
        try await system.waitUntil(
            "d's log to show every entry", timeout: .seconds(60), poll: .seconds(1)
        ) {
            await d.logIfReadable()?.idSet.isSuperset(of: history) ?? false
        }
    }

    /// Checks, once d stopped and wrote everything out, that its log holds exactly the history:
    /// the same ids, each recorded once, with every text.
    private static func expectExactCopy(of history: Set<String>, on d: KithHost) async throws {
        let log = try await d.log()
        #expect(log.idSet == history, "d holds exactly a's entries")
        #expect(log.ids.count == log.idSet.count, "no entry recorded twice")
        #expect(log.records.count == history.count)
        #expect(Set(log.texts) == historyTexts)
    }

    /// Every text of the history.
    private static var historyTexts: Set<String> {
        Set(
            (0..<HistoryFixture.authorCount).flatMap { author in
                (1...UInt64(HistoryFixture.postsPerAuthor)).map {
                    HistoryFixture.text(author: author, sequence: $0)
                }
            })
    }
}
