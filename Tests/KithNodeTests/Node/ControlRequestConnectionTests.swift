import KithControl
import KithCore
import KithSystem
import Testing

@testable import KithNode

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Control request connection: requests pipelined on one connection", .serialized)
struct ControlRequestConnectionTests {
    /// Serves `connection` until `count` requests ended (answered or failed), as a client's poll
    /// loop does.
    static func outcomes(_ connection: ControlRequestConnection<Int>, count: Int) throws
        -> [ControlRequestConnection<Int>.Outcome]
    {
        var outcomes = connection.takeOutcomes()
        while outcomes.count < count {
            guard var descriptor = connection.pollDescriptor else { break }
            var descriptors = [descriptor]
            guard try Poll.wait(&descriptors, timeoutMilliseconds: 10_000) > 0 else {
                throw TestFailure(description: "no answer came")
            }
            descriptor = descriptors[0]
            connection.service(descriptor.revents)
            outcomes += connection.takeOutcomes()
        }
        return outcomes
    }

    /// The answer of `outcome`, with its tag.
    static func answer(_ outcome: ControlRequestConnection<Int>.Outcome) -> (Int, ControlResponse)?
    {
        guard case .answered(let tag, let response) = outcome else { return nil }
        return (tag, response)
    }

    @Test("requests written at once are answered in order; a refusal leaves the connection usable")
    func pipelinedInOrder() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let connection = ControlRequestConnection<Int>(socketPath: node.home + "/control.sock")
            for index in 0..<5 {
                let post = try Post(channel: .general, text: "post \(index)")
                connection.ask(.post(community: nil, post), for: index)
            }
            let stranger = try CommunityID(hex: String(repeating: "ef", count: 32))
            connection.ask(.channels(community: stranger), for: 5)
            connection.ask(.history(community: nil, channel: .general, limit: 10), for: 6)
            #expect(connection.unansweredCount == 7)
            let answers = try Self.outcomes(connection, count: 7).compactMap(Self.answer)
            #expect(answers.map(\.0) == Array(0..<7))
            #expect(answers.prefix(5).compactMap(\.1.entry?.sequence) == [1, 2, 3, 4, 5])
            #expect(
                answers[5].1.error == ControlRequestError.unknownCommunity(stranger.hex).description
            )
            let texts = (answers[6].1.entries ?? []).compactMap { item -> String? in
                guard case .post(let post) = item.entry.decodedContent else { return nil }
                return post.text
            }
            #expect(texts == (0..<5).map { "post \($0)" })
            #expect(connection.unansweredCount == 0)
            #expect(await node.stop() == nil)
        }
    }

    @Test("after its node stops a request fails unread; the next one reaches the node started next")
    func reconnectsToTheNextNode() async throws {
        try await withTemporaryDirectory { directory in
            let key = SigningKey.generate()
            let first = try TestNode.start(home: directory + "/node", key: key)
            let connection = ControlRequestConnection<Int>(socketPath: first.home + "/control.sock")
            connection.ask(.status, for: 1)
            let status = try Self.outcomes(connection, count: 1).compactMap(Self.answer)
            #expect(status.first?.1.status?.publicKey == key.publicKey.hex)
            #expect(await first.stop() == nil)
            connection.ask(.status, for: 2)
            let failed = try Self.outcomes(connection, count: 1)
            guard case .failed(2, _, let unreadByNode) = failed.first else {
                Issue.record("the request did not fail: \(failed)")
                return
            }
            #expect(unreadByNode, "no node read it: asking the next one cannot do it twice")
            let second = try TestNode.start(home: directory + "/node", key: key)
            connection.ask(.status, for: 3)
            let next = try Self.outcomes(connection, count: 1).compactMap(Self.answer)
            #expect(next.first?.0 == 3)
            #expect(next.first?.1.status?.entryCount == 0)
            #expect(await second.stop() == nil)
        }
    }
}
