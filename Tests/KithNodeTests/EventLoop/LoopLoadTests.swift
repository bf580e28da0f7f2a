import KithControl
import Testing

@testable import KithNode

@Suite("Event loop load")
struct LoopLoadTests {
    @Test("turns are counted, the longest kept, slow ones counted past 10 and 50 ms")
    func countsTurns() {
        var load = LoopLoad()
        for microseconds: UInt64 in [5, 10_000, 10_001, 50_000, 50_001, 200] {
            load.record(microseconds)
        }
        #expect(load.turns == 6)
        #expect(load.longestTurnMicroseconds == 50_001)
        #expect(load.slowTurns == 3)
        #expect(load.verySlowTurns == 1)
    }

    @Test("a running node reports its loop's turns in status")
    func statusReportsTurns() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let first = try #require(try node.ask(ControlRequestFields(op: "status")).status?.loop)
            let second = try #require(try node.ask(ControlRequestFields(op: "status")).status?.loop)
            #expect(second.turns > first.turns)
            #expect(await node.stop() == nil)
        }
    }
}
