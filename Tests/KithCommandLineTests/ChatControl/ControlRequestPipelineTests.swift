import KithCommandLine
import KithControl
import KithCore
import Testing

@Suite("Requests pipelined on one control connection")
struct ControlRequestPipelineTests {
    static let requests: [ControlRequest] = [.status, .peers, .blocked]

    /// Answers of three kinds, and their bytes.
    static func answers() throws -> [ControlResponse] {
        var chat = try ChatSessionHarness()
        return [
            .reach(holders: 2, reached: true),
            .appended(try chat.post(by: chat.alice, "posted")),
            .failed("the node refused"),
        ]
    }

    @Test("requests go out in order, written in any pieces; answers split anywhere match them")
    func answersMatchInOrder() throws {
        let answers = try Self.answers()
        let answerBytes = answers.flatMap(\.line)
        for split in 0...answerBytes.count {
            var pipeline = ControlRequestPipeline<Int>()
            for (tag, request) in Self.requests.enumerated() {
                pipeline.enqueue(request, tag: tag)
            }
            #expect(Array(pipeline.unsentBytes) == Self.requests.flatMap(\.line))
            pipeline.sent(5)
            #expect(
                Array(pipeline.unsentBytes) == Array(Self.requests.flatMap(\.line).dropFirst(5)))
            pipeline.sent(pipeline.unsentBytes.count)
            #expect(pipeline.unsentBytes.isEmpty)
            #expect(pipeline.unansweredCount == 3)
            try pipeline.receive(answerBytes[..<split])
            var matched = pipeline.takeAnswers()
            try pipeline.receive(answerBytes[split...])
            matched += pipeline.takeAnswers()
            #expect(matched.map(\.tag) == [0, 1, 2], "split at \(split)")
            #expect(matched.map(\.response) == answers)
            #expect(pipeline.isIdle)
        }
    }

    @Test("a request asked after others were answered takes the next answer")
    func askedLater() throws {
        var pipeline = ControlRequestPipeline<String>()
        pipeline.enqueue(.status, tag: "first")
        pipeline.sent(pipeline.unsentBytes.count)
        try pipeline.receive(ControlResponse.failed("no").line)
        pipeline.enqueue(.peers, tag: "second")
        #expect(Array(pipeline.unsentBytes) == ControlRequest.peers.line)
        try pipeline.receive(ControlResponse.reach(holders: 0, reached: false).line)
        #expect(pipeline.takeAnswers().map(\.tag) == ["first", "second"])
    }

    @Test("a malformed answer fails the connection; earlier answers stay, later requests are left")
    func malformedAnswer() throws {
        var pipeline = ControlRequestPipeline<Int>()
        for (tag, request) in Self.requests.enumerated() { pipeline.enqueue(request, tag: tag) }
        let bytes = ControlResponse.failed("no").line + Array("{\"ok\":tru\n".utf8)
        #expect(throws: ControlStreamError.malformedLine(byteCount: 9)) {
            try pipeline.receive(bytes)
        }
        #expect(pipeline.takeAnswers().map(\.tag) == [0])
        #expect(pipeline.takeUnanswered() == [1, 2])
        #expect(pipeline.isIdle)
        #expect(pipeline.unsentBytes.isEmpty)
    }

    @Test("an answer to no request, or one longer than the bound, fails the connection")
    func unexpectedAndOverLong() throws {
        var idle = ControlRequestPipeline<Int>()
        #expect(throws: ControlStreamError.unexpectedAnswer) {
            try idle.receive(ControlResponse.failed("no").line)
        }
        var bounded = ControlRequestPipeline<Int>(maximumLineByteCount: 16)
        bounded.enqueue(.status, tag: 1)
        #expect(throws: ControlStreamError.lineTooLong(limit: 16)) {
            try bounded.receive(Array(repeating: UInt8(ascii: "x"), count: 17))
        }
        #expect(bounded.takeUnanswered() == [1])
    }
}
