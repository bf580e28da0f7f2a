import KithControl
import KithCore
import Testing

@testable import KithNode

@Suite("Control connection: one connection for many requests", .serialized)
struct ControlConnectionTests {
    @Test("requests on one connection are answered in order; a refusal leaves it usable")
    func manyRequestsInOrder() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let connection = ControlConnection(socketPath: node.home + "/control.sock")
            defer { connection.close() }
            var sequences: [UInt64] = []
            for index in 0..<5 {
                let post = try Post(channel: .general, text: "post \(index)")
                let answer = try connection.ask(.post(community: nil, post))
                sequences.append(try #require(answer.entry?.sequence))
            }
            #expect(sequences == [1, 2, 3, 4, 5])
            let stranger = try CommunityID(hex: String(repeating: "ef", count: 32))
            let refused = try connection.ask(.channels(community: stranger))
            #expect(refused.error == ControlRequestError.unknownCommunity(stranger.hex).description)
            let history = try connection.ask(.history(community: nil, channel: .general, limit: 10))
            let texts = (history.entries ?? []).compactMap { item -> String? in
                guard case .post(let post) = item.entry.decodedContent else { return nil }
                return post.text
            }
            #expect(texts == (0..<5).map { "post \($0)" })
            #expect(await node.stop() == nil)
        }
    }

    @Test("after its node stops a request fails; the next one reaches the node started next")
    func reconnectsToTheNextNode() async throws {
        try await withTemporaryDirectory { directory in
            let key = SigningKey.generate()
            let first = try TestNode.start(home: directory + "/node", key: key)
            let connection = ControlConnection(socketPath: first.home + "/control.sock")
            defer { connection.close() }
            #expect(try connection.ask(.status).status?.publicKey == key.publicKey.hex)
            #expect(await first.stop() == nil)
            #expect(throws: ControlClientError.self) { try connection.ask(.status) }
            let second = try TestNode.start(home: directory + "/node", key: key)
            #expect(try connection.ask(.status).status?.entryCount == 0)
            #expect(await second.stop() == nil)
        }
    }
}
