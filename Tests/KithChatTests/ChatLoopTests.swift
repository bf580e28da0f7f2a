import KithChat
import KithCommandLine
import KithCore
import KithNode
import KithTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The chat's loop in one process with a real node: what the person types goes to the node,
/// what the node streams comes back to the screen, and the ways a chat ends.
@Suite("Chat loop", .timeLimit(.minutes(1)))
struct ChatLoopTests {
    @Test("a typed line is posted and comes back through the node's stream before the loop ends")
    func typedLineComesBack() async throws {
        try await withTemporaryDirectory { home in
            let chat = try ChatLoopFixture(home: home)
            chat.type("hello from the loop\n")
            chat.endInput()
            let ending = try chat.loop.run(input: chat.input)
            await chat.stopNode()
            #expect(ending == .quit)
            #expect(chat.loop.errorCount == 0)
            #expect(chat.screen.entryLines.contains { $0.hasSuffix(": hello from the loop") })
            #expect(chat.screen.isFinished)
        }
    }

    @Test("lines typed in one burst are all posted, in order")
    func burstInOrder() async throws {
        try await withTemporaryDirectory { home in
            let chat = try ChatLoopFixture(home: home)
            chat.type((1...200).map { "line \($0)\n" }.joined())
            chat.endInput()
            let ending = try chat.loop.run(input: chat.input)
            await chat.stopNode()
            #expect(ending == .quit)
            let texts = chat.screen.entryLines.compactMap { $0.split(separator: ": ").last }
            #expect(texts == (1...200).map { "line \($0)"[...] })
        }
    }

    @Test("a refused line counts as an error of the run and the chat goes on")
    func refusedLineCounts() async throws {
        try await withTemporaryDirectory { home in
            let chat = try ChatLoopFixture(home: home)
            chat.type("/nosuchcommand\nstill here\n")
            chat.endInput()
            _ = try chat.loop.run(input: chat.input)
            await chat.stopNode()
            #expect(chat.loop.errorCount == 1)
            #expect(!chat.screen.errors.isEmpty)
            #expect(chat.screen.entryLines.contains { $0.hasSuffix(": still here") })
        }
    }

    @Test("a stopping signal in the mailbox ends the chat while its input stays open")
    func signalEndsTheChat() async throws {
        try await withTemporaryDirectory { home in
            let chat = try ChatLoopFixture(home: home)
            chat.mailbox.push(.signal(SIGTERM))
            let ending = try chat.loop.run(input: chat.input)
            await chat.stopNode()
            #expect(ending == .quit)
            #expect(chat.screen.entryLines.isEmpty)
        }
    }

    @Test("a notable event of the node is shown as a notice")
    func nodeEventShown() async throws {
        try await withTemporaryDirectory { home in
            let chat = try ChatLoopFixture(home: home)
            chat.mailbox.push(.nodeEvent("a peer connected", isNotable: true))
            chat.mailbox.push(.nodeEvent("a detail", isNotable: false))
            chat.endInput()
            _ = try chat.loop.run(input: chat.input)
            await chat.stopNode()
            #expect(chat.screen.notices.contains("-- a peer connected"))
            #expect(!chat.screen.notices.contains("-- a detail"))
        }
    }

    @Test("a chat that cannot follow another node ends when its node is gone")
    func nodeLost() async throws {
        try await withTemporaryDirectory { home in
            let chat = try ChatLoopFixture(home: home)
            await chat.stopNode()
            let ending = try chat.loop.run(input: chat.input)
            guard case .nodeLost = ending else {
                Issue.record("the chat ended with \(ending), not with its node lost")
                return
            }
        }
    }

    @Test("a chat whose node went away follows the next node in the home and posts there")
    func followsTheNextNode() async throws {
        try await withTemporaryDirectory { home in
            let next = Mutex<Node?>(nil)
            let chat = try ChatLoopFixture(home: home) { first in
                ChatNodeFollower(connection: first) {
                    let key = SigningKey.generate()
                    let node = try ChatLoopFixture.startNode(home: home, key: key)
                    next.withLock { $0 = node }
                    return ChatNodeConnection(
                        socketPath: first.socketPath, key: key.publicKey, ownNode: nil)
                }
            }
            await chat.stopNode()
            chat.type("after the restart\n")
            chat.endInput()
            let ending = try chat.loop.run(input: chat.input)
            let started = next.withLock { $0 }
            started?.stop()
            _ = await started?.waitUntilStopped()
            #expect(started != nil)
            #expect(ending == .quit)
            #expect(chat.screen.notices.contains { $0.contains("following the node now running") })
            #expect(chat.screen.entryLines.contains { $0.hasSuffix(": after the restart") })
        }
    }
}
