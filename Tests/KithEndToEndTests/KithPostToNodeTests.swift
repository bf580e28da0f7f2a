import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kith post`, `kith nick` and `kith tail` talk to the node running in the home.
@Suite("kith post and tail with a running node", .serialized)
struct KithPostToNodeTests {
    @Test("kith post goes through the running node and kith tail --json prints it")
    func postAndTailThroughNode() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            let environment = space.environment()
            let noNode = try await kith.run(["--home", home, "tail"], environment: environment)
            #expect(noNode.status == 1)
            #expect(noNode.standardError.contains("no node is running"))

            let node = try await BackgroundKith.startNode(kith, home: home, space: space)
            defer { node.kill() }
            let tail = try BackgroundKith(
                kith, ["--home", home, "tail", "--json", "--channel", "general"],
                environment: environment, logs: space.path + "/tail")
            defer { tail.kill() }
            try await waitUntil("tail to subscribe", timeout: .seconds(60)) {
                tail.standardError.contains("following") || !tail.process.isRunning
            }
            #expect(tail.process.isRunning, "tail exited: \(tail.standardError)")

            let nick = try await kith.run(
                ["--home", home, "nick", "carol"], environment: environment)
            #expect(nick.status == 0, "\(nick)")
            #expect(nick.standardOutput.contains("running node"))
            let post = try await kith.run(
                ["--home", home, "post", "--json", "hello", "node"], environment: environment)
            #expect(post.status == 0, "\(post)")
            #expect(!post.standardError.contains("locked"))
            let posted = try #require(post.outputLines.first.flatMap(Self.object))
            #expect(posted["text"] as? String == "hello node")
            #expect(posted["sequence"] as? Int == 2)

            try await waitUntil("the post in tail's output", timeout: .seconds(60)) {
                !tail.standardOutput.isEmpty || !tail.process.isRunning
            }
            try await waitUntil("a whole line", timeout: .seconds(60)) {
                tail.standardOutput.hasSuffix("\n")
            }
            let lines = tail.standardOutput.split(separator: "\n").map(String.init)
            // The nick (an about entry) is not in #general: the first line is the post.
            let followed = try #require(lines.first.flatMap(Self.object))
            #expect(followed["id"] as? String == posted["id"] as? String)
            #expect(followed["type"] as? String == "post")
            #expect(followed["channel"] as? String == "general")
            #expect(followed["text"] as? String == "hello node")
        }
    }

    @Test(
        "kith chat uses the running node; --json prints entries and notices, errors to stderr")
    func chatThroughRunningNode() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            let environment = space.environment()
            let node = try await BackgroundKith.startNode(kith, home: home, space: space)
            defer { node.kill() }
            let chat = try await kith.run(
                ["--home", home, "chat", "--json", "--wait", "0"], environment: environment,
                standardInput: "/nick dora\nhello from a script\n/who\n/frobnicate\n")
            // The node holds the log's lock: a chat that started its own node would fail with
            // another message. The unknown command fails the run.
            #expect(chat.status == 1, "\(chat)")
            #expect(chat.standardError.contains("a line of the input failed"), "\(chat)")
            let objects = chat.outputLines.compactMap(Self.object)
            #expect(objects.count == chat.outputLines.count, "every line is JSON: \(chat)")
            let posted = try #require(
                objects.first { $0["text"] as? String == "hello from a script" })
            #expect(posted["type"] as? String == "post")
            #expect(posted["channel"] as? String == "general")
            #expect(posted["own"] as? Bool == true)
            #expect(posted["author_name"] as? String == "dora")
            #expect((posted["fingerprint"] as? String)?.count == 19)
            #expect((posted["signature"] as? String)?.count == 128)
            #expect(posted["timestamp"] is Int)
            let notices = objects.compactMap { $0["notice"] as? String }
            #expect(notices.contains { $0.hasPrefix("1 online in lobby") }, "\(notices)")
            // /who lists people as records a script can read.
            let person = try #require(objects.first { $0["kind"] as? String == "person" })
            #expect(person["name"] as? String == "dora")
            #expect(person["you"] as? Bool == true)
            #expect(person["online"] as? Bool == true)
            #expect((person["public_key"] as? String)?.count == 64)
            #expect(objects.allSatisfy { $0["error"] == nil }, "errors are not in the output")
            let errors = chat.standardError.split(separator: "\n").compactMap {
                Self.object(String($0))?["error"] as? String
            }
            #expect(errors.count == 1, "\(chat)")
            #expect(errors.first?.hasPrefix("unknown command /frobnicate") == true)
            // It is in the node's log.
            let history = try await kith.run(
                ["--home", home, "post", "--json", "and from post"], environment: environment)
            #expect(history.status == 0)
            #expect(
                (history.outputLines.first.flatMap(Self.object)?["sequence"] as? Int) == 3,
                "nick, the chat's post, then this one")
        }
    }

    @Test("piped kith chat says when no peer holds its posts, and exits 0 once one does")
    func pipedChatWaitsForAPeer() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let environment = space.environment()
            let loopback = ["--interface", "lo", "--no-multicast", "--discovery-port", "0"]
            let alone = try await kith.run(
                ["--home", space.path + "/a", "chat", "--wait", "1"] + loopback,
                environment: environment, standardInput: "nobody hears this\n")
            #expect(alone.status == 3, "\(alone)")
            #expect(alone.standardError.contains("posted locally, no peer reached"), "\(alone)")
            #expect(alone.standardOutput.contains("nobody hears this"), "\(alone)")
            let unwaited = try await kith.run(
                ["--home", space.path + "/a", "chat", "--wait", "0"] + loopback,
                environment: environment, standardInput: "not waited for\n")
            #expect(unwaited.status == 0, "\(unwaited)")

            // A peer found by its discovery port on loopback.
            let peerHome = space.path + "/b"
            let peer = try await BackgroundKith.startNode(kith, home: peerHome, space: space)
            defer { peer.kill() }
            let status = try await kith.run(
                ["--home", peerHome, "status", "--json"], environment: environment)
            let port = try #require(
                (Self.object(status.standardOutput)?["discovery_port"] as? Int), "\(status)")
            let reached = try await kith.run(
                [
                    "--home", space.path + "/a", "chat", "--wait", "60", "--peer",
                    "127.0.0.1:\(port)",
                ]
                    + loopback,
                environment: environment, standardInput: "the peer holds this\n")
            #expect(reached.status == 0, "\(reached)")
            let history = try await kith.run(
                ["--home", peerHome, "history"], environment: environment)
            #expect(history.standardOutput.contains("the peer holds this"), "\(history)")
            #expect(history.standardOutput.contains("nobody hears this"), "\(history)")
        }
    }

    @Test("three chats started at once in a home with no node all post: one node, shared")
    func chatsStartedAtOnce() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let environment = space.environment()
            let home = space.path + "/home"
            let nick = try await kith.run(
                ["--home", home, "nick", "trio"], environment: environment)
            #expect(nick.status == 0, "\(nick)")
            let results = try await withThrowingTaskGroup(of: KithBinary.Result.self) { group in
                for number in 1...3 {
                    group.addTask {
                        try await kith.run(
                            [
                                "--home", home, "chat", "--wait", "0", "--interface", "lo",
                                "--no-multicast", "--discovery-port", "0",
                            ], environment: environment, standardInput: "chat \(number)\n")
                    }
                }
                var results: [KithBinary.Result] = []
                for try await result in group { results.append(result) }
                return results
            }
            for result in results { #expect(result.status == 0, "\(result)") }
            let history = try await kith.run(["--home", home, "history"], environment: environment)
            for number in 1...3 {
                #expect(history.standardOutput.contains("chat \(number)"), "\(history)")
            }
        }
    }

    /// Starts `kith node` in `home` (loopback only, no multicast) and waits for its socket.
    /// Clear screen, window title, clipboard write (OSC 52), bell, C1 CSI, right-to-left override.
    static let hostileText =
        "x \u{1B}[2J\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}\u{9B}31m \u{202E}gnp.exe"

    /// Whether `output` holds a character that must not reach a terminal as it is.
    static func holdsUnsafeText(_ output: String) -> Bool {
        output.unicodeScalars.contains {
            $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}")
        }
    }

    @Test(
        "text from others reaches no terminal raw: kith history (with and without a node), kith tail"
    )
    func othersTextIsEscaped() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            let environment = space.environment()
            // A name may hold a right-to-left override (names refuse only C0 and DEL).
            let nick = try await kith.run(
                ["--home", home, "nick", "\u{202E}evil"], environment: environment)
            #expect(nick.status == 0, "\(nick)")
            let offline = try await kith.run(
                ["--home", home, "post", Self.hostileText], environment: environment)
            #expect(offline.status == 0, "\(offline)")
            let history = try await kith.run(["--home", home, "history"], environment: environment)
            #expect(history.status == 0, "\(history)")
            #expect(!Self.holdsUnsafeText(history.standardOutput), "\(history.standardOutput)")
            #expect(history.standardOutput.contains("\\u{1b}[2J\\u{1b}]52;c;"))
            #expect(history.standardOutput.contains("\\u{202e}evil"))

            let node = try await BackgroundKith.startNode(kith, home: home, space: space)
            defer { node.kill() }
            let tail = try BackgroundKith(
                kith, ["--home", home, "tail"], environment: environment,
                logs: space.path + "/tail")
            defer { tail.kill() }
            try await waitUntil("tail to subscribe", timeout: .seconds(60)) {
                tail.standardError.contains("following") || !tail.process.isRunning
            }
            let post = try await kith.run(
                ["--home", home, "post", Self.hostileText + "\nsecond line"],
                environment: environment)
            #expect(post.status == 0, "\(post)")
            try await waitUntil("the post in tail's output", timeout: .seconds(60)) {
                tail.standardOutput.contains("second line") || !tail.process.isRunning
            }
            #expect(!Self.holdsUnsafeText(tail.standardOutput), "\(tail.standardOutput)")
            #expect(tail.standardOutput.contains("\u{FFFD}[2J"))
            // kith history works beside a running node (it asks the node) and escapes the same.
            let running = try await kith.run(["--home", home, "history"], environment: environment)
            #expect(running.status == 0, "\(running)")
            #expect(running.outputLines.count == 2, "\(running.standardOutput)")
            #expect(running.standardOutput.contains("\\nsecond line"))
            #expect(running.standardOutput.contains("\\u{202e}evil"))
            #expect(!Self.holdsUnsafeText(running.standardOutput), "\(running.standardOutput)")
        }
    }

    private static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
