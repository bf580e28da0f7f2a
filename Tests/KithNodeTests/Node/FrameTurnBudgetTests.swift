import Testing

@testable import KithNode

/// What one session may make the node decode in one turn of its loop.
@Suite("Frames decoded per turn")
struct FrameTurnBudgetTests {
    /// The frames the budget lets through, each of `byteCount` bytes, queueing an entry or not.
    private func framesAllowed(byteCount: Int, queuedEntry: Bool) -> Int {
        var budget = FrameTurnBudget()
        var count = 0
        while budget.allowsMore {
            budget.record(byteCount: byteCount, queuedEntry: queuedEntry)
            count += 1
        }
        return count
    }

    @Test("frames that queue entries: a whole buffer in one turn")
    func entriesFlow() {
        #expect(framesAllowed(byteCount: 16_567, queuedEntry: true) == FrameTurnBudget.frames)
    }

    @Test("small frames that queue nothing stop at the frame count")
    func smallDroppedFrames() {
        #expect(
            framesAllowed(byteCount: 200, queuedEntry: false) == FrameTurnBudget.framesWithoutEntry)
    }

    @Test("the largest entries that queue nothing stop at the byte budget: 16 of them")
    func largeDroppedFrames() {
        let byteCount = 16_567
        let allowed = framesAllowed(byteCount: byteCount, queuedEntry: false)
        #expect(allowed == (FrameTurnBudget.bytesWithoutEntry + byteCount - 1) / byteCount)
        #expect(allowed < FrameTurnBudget.framesWithoutEntry)
    }

    @Test("frames that queue entries do not spend the budget of those that do not")
    func mixedFrames() {
        var budget = FrameTurnBudget()
        for _ in 0..<1_000 { budget.record(byteCount: 16_567, queuedEntry: true) }
        #expect(budget.allowsMore)
        for _ in 0..<(FrameTurnBudget.framesWithoutEntry - 1) {
            budget.record(byteCount: 100, queuedEntry: false)
        }
        #expect(budget.allowsMore)
        budget.record(byteCount: 100, queuedEntry: false)
        #expect(!budget.allowsMore)
    }
}
