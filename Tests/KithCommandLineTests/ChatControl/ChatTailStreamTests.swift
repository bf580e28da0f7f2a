import KithCommandLine
import KithControl
import KithCore
import Testing

@Suite("The chat's tail stream: bytes in, entries out")
struct ChatTailStreamTests {
    /// The node's answer to `tail`.
    static let subscribedLine = ControlResponse.tailStarted.line

    /// `count` posts by bob, as the node streams them.
    static func posts(_ count: Int) throws -> [ControlEntry] {
        var chat = try ChatSessionHarness()
        // Three digits each: every entry is as long as the others.
        return try (1...count).map { try chat.post(by: chat.bob, "message \(100 + $0)") }
    }

    @Test("the answer and entries split at every byte boundary come out whole and in order")
    func everySplit() throws {
        let entries = try Self.posts(3)
        let bytes = Self.subscribedLine + entries.flatMap(\.responseLine)
        for split in 0...bytes.count {
            var stream = ChatTailStream()
            try stream.receive(bytes[..<split])
            try stream.receive(bytes[split...])
            let arrivals = stream.take()
            #expect(arrivals.subscribed)
            #expect(arrivals.entries == entries, "split at \(split)")
            #expect(arrivals.dropped == 0)
            #expect(stream.heldByteCount == 0)
        }
        var byteByByte = ChatTailStream()
        var seen: [ControlEntry] = []
        for byte in bytes {
            try byteByByte.receive([byte])
            seen += byteByByte.take().entries
        }
        #expect(seen == entries)
        #expect(byteByByte.isSubscribed)
    }

    @Test("many lines in one read are all decoded, and taken once")
    func manyLinesAtOnce() throws {
        let entries = try Self.posts(200)
        var stream = ChatTailStream()
        try stream.receive(Self.subscribedLine + entries.flatMap(\.responseLine))
        #expect(stream.take().entries == entries)
        #expect(stream.take() == ChatTailStream.Arrivals())
    }

    @Test("a line longer than the bound fails the stream, whole or unfinished")
    func overLongLine() throws {
        var unfinished = ChatTailStream(maximumLineByteCount: 64)
        try unfinished.receive([UInt8](repeating: 0x20, count: 64))
        #expect(throws: ControlStreamError.lineTooLong(limit: 64)) {
            try unfinished.receive([0x20])
        }
        var whole = ChatTailStream(maximumLineByteCount: 64)
        #expect(throws: ControlStreamError.lineTooLong(limit: 64)) {
            try whole.receive([UInt8](repeating: 0x20, count: 65) + [0x0a])
        }
    }

    @Test("a line that is no control response fails the stream; what came before stays")
    func malformedLine() throws {
        let entry = try #require(try Self.posts(1).first)
        var stream = ChatTailStream()
        #expect(throws: ControlStreamError.malformedLine(byteCount: 8)) {
            try stream.receive(Self.subscribedLine + entry.responseLine + Array("not json\n".utf8))
        }
        let arrivals = stream.take()
        #expect(arrivals.subscribed)
        #expect(arrivals.entries == [entry])
    }

    @Test("a refused subscription says why")
    func refusal() throws {
        var stream = ChatTailStream()
        try stream.receive(ControlResponse.failed("too many tail subscriptions").line)
        let arrivals = stream.take()
        #expect(!arrivals.subscribed)
        #expect(arrivals.refusal == "too many tail subscriptions")
    }

    @Test("beyond its bound the stream drops the oldest entries down to half, and counts them")
    func bound() throws {
        let entries = try Self.posts(10)
        let size = entries[0].entry.bytes.count
        #expect(entries.allSatisfy { $0.entry.bytes.count == size })
        var stream = ChatTailStream(capacityBytes: 4 * size)
        try stream.receive(Self.subscribedLine + entries.flatMap(\.responseLine))
        #expect(stream.heldByteCount <= 4 * size)
        let arrivals = stream.take()
        // The fifth entry passes the bound: three oldest go (two left, half the bound); the
        // ninth passes it again (three more go); the tenth is kept.
        #expect(arrivals.dropped == 6)
        #expect(arrivals.entries == Array(entries[6...]))
        #expect(stream.heldByteCount == 0)
        try stream.receive(entries[0].responseLine)
        #expect(stream.take().dropped == 0, "the count starts again after a take")
    }
}
