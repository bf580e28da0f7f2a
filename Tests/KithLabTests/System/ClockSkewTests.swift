import Foundation
import Testing

/// Debian's libfaketime for programs with threads.
private let fakeTimeLibrary = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"

/// A host whose clock is ten minutes ahead (its node runs with Debian's libfaketime preloaded): the
/// two
/// nodes cannot find each other (discovery.md, "Replay guard"), and each says why, naming the
/// other, in its log and in `kith status`.
@Suite(
    "System: a clock ten minutes off",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage),
    .enabled(
        if: FileManager.default.fileExists(atPath: fakeTimeLibrary),
        "needs faketime (apt-get install faketime; tools/install-deps --lab installs it)")
)
struct ClockSkewTests {
    @Test("both nodes diagnose the skew in their log and status, naming each other; so does a chat")
    func skewIsDiagnosed() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let right = try await system.addHost("a", bridges: ["lan"])
            let ahead = try await system.addHost("b", bridges: ["lan"])
            try right.startNode()
            try ahead.startNode(environment: ["LD_PRELOAD": fakeTimeLibrary, "FAKETIME": "+10m"])
            var started: [String: NodeStatusSnapshot] = [:]
            try await system.waitUntil("both nodes to run", timeout: .seconds(30)) {
                for host in [right, ahead] { started[host.name] = try await host.status() }
                return started.count == 2
            }
            let rightStatus = try #require(started[right.name])
            let aheadStatus = try #require(started[ahead.name])

            var reports: [String: NodeStatusSnapshot.ClockSkew] = [:]
            try await system.waitUntil("both nodes to report the skew", timeout: .seconds(30)) {
                for host in [right, ahead] {
                    if let skew = try await host.status()?.clockSkew { reports[host.name] = skew }
                }
                return reports.count == 2
            }
            let seenByRight = try #require(reports[right.name])
            let seenByAhead = try #require(reports[ahead.name])
            #expect((540...660).contains(seenByRight.lastOffsetSeconds), "\(seenByRight)")
            #expect((-660 ... -540).contains(seenByAhead.lastOffsetSeconds), "\(seenByAhead)")
            #expect(seenByRight.warning.contains(" min "), "\(seenByRight.warning)")
            #expect(seenByRight.warning.contains("ahead of this machine's"))
            #expect(seenByAhead.warning.contains("behind this machine's"))
            #expect(seenByRight.lastPeer == aheadStatus.fingerprint)
            #expect(seenByAhead.lastPeer == rightStatus.fingerprint)
            for (host, other) in [(right, aheadStatus), (ahead, rightStatus)] {
                let status = try #require(try await host.status())
                #expect(status.sessionCount == 0, "no session across the skew")
                #expect(!status.peers.contains { $0.publicKey == other.publicKey })
                #expect(host.events.contains("do not connect"), "the log says why")
            }
            // A chat attached to the node says so too, on its screen.
            let chat = try system.startChatOnTerminal(right)
            defer { chat.close() }
            try await chat.waitForScreen(timeout: .seconds(30), "the chat's clock warning") {
                // A long line wraps on the screen: look at the screen's text as one.
                $0.allLines.joined().contains("!! the clock of node")
                    && $0.allLines.joined().contains("ahead of this machine")
            }
            try await system.expectCleanStops([right, ahead])
        }
    }
}
