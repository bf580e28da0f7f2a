import Foundation
import Testing

/// `kith chat` attached to a node it did not start goes on when that node goes away.
@Suite("kith chat follows the home's node", .serialized)
struct ChatFollowsNodeTests {
    @Test("a piped chat whose node is killed runs the home's node itself and posts what follows")
    func chatOutlivesItsNode() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let environment = space.environment()
            let node = try await BackgroundKith.startNode(kith, home: home, space: space)
            defer { node.kill() }
            let chat = try BackgroundKith(
                kith,
                [
                    "--home", home, "chat", "--wait", "0", "--interface", "lo", "--no-multicast",
                    "--discovery-port", "0",
                ], environment: environment, logs: space.path + "/chat", pipesInput: true)
            defer { chat.kill() }
            let input = try #require(chat.input)
            input.write(Data("before the node went away\n".utf8))
            try await waitUntil("the first post shown", timeout: .seconds(60)) {
                chat.standardOutput.contains("before the node went away")
                    || !chat.process.isRunning
            }
            // Killed: its socket file stays behind, and nothing answers there.
            node.kill()
            try await waitUntil("the chat to run its own node", timeout: .seconds(60)) {
                chat.standardOutput.contains("this chat now runs the home's node itself")
                    || !chat.process.isRunning
            }
            #expect(chat.process.isRunning, "chat exited: \(chat.standardError)")
            input.write(Data("after the node went away\n".utf8))
            try input.close()
            try await waitUntil("the chat to end at the end of its input", timeout: .seconds(60)) {
                !chat.process.isRunning
            }
            #expect(chat.process.terminationStatus == 0, "\(chat.standardError)")
            let output = chat.standardOutput
            #expect(output.contains("-- the node went away ("), "\(output)")
            #expect(output.contains("after the node went away"), "\(output)")
            let history = try await kith.run(["--home", home, "history"], environment: environment)
            #expect(history.standardOutput.contains("before the node went away"), "\(history)")
            #expect(history.standardOutput.contains("after the node went away"), "\(history)")
        }
    }
}
