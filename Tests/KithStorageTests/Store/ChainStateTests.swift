import KithCore
import Testing

@testable import KithStorage

@Suite("Chain state")
struct ChainStateTests {
    @Test("fork and about ordinals keep nil, 0 and large values; the state stays 72 bytes")
    func optionalOrdinals() {
        var state = ChainState(
            headSequence: 3, headOrdinal: 9, headID: .zero, forkOrdinal: nil,
            highestSeenSequence: 3, aboutOrdinal: 0)
        #expect(state.forkOrdinal == nil)
        #expect(state.aboutOrdinal == 0)
        state.forkOrdinal = UInt64.max - 1
        state.aboutOrdinal = nil
        #expect(state.forkOrdinal == UInt64.max - 1)
        #expect(state.aboutOrdinal == nil)
        // Held once per chain: a million authors make a table of two million slots.
        #expect(MemoryLayout<ChainState>.stride == 72)
    }
}
