import KithCore
import Testing

@Suite("Chain rules")
struct ChainRulesTests {
    let key: SigningKey
    let first: Entry
    let second: Entry

    init() throws {
        key = try EntryFixtures.alice()
        first = try EntryFixtures.entry(sequence: 1, previous: .zero, key: key)
        second = try EntryFixtures.entry(sequence: 2, previous: first.id, key: key)
    }

    private func entry(_ sequence: UInt64, previous: EntryID, content: [UInt8] = [9]) throws
        -> Entry
    {
        try EntryFixtures.entry(sequence: sequence, previous: previous, content: content, key: key)
    }

    private func classify(_ entry: Entry, _ head: ChainHead?, held: Bool = false) -> ChainDecision {
        ChainRules.classify(entry, head: head, alreadyHeld: held)
    }

    @Test("no head: sequence 1 is appended, anything later is a gap from 1")
    func noHead() throws {
        #expect(classify(first, nil) == .append)
        #expect(classify(second, nil) == .gap(expected: 1))
        #expect(classify(try entry(9, previous: EntryFixtures.someID), nil) == .gap(expected: 1))
    }

    @Test("next: one above the head and linked to it")
    func next() {
        #expect(classify(second, ChainHead(entry: first)) == .append)
    }

    @Test("duplicate wins over every other case")
    func duplicate() throws {
        #expect(classify(first, nil, held: true) == .duplicate)
        #expect(classify(first, ChainHead(entry: second), held: true) == .duplicate)
        #expect(classify(second, ChainHead(entry: first), held: true) == .duplicate)
        #expect(classify(second, ChainHead(entry: first, isForked: true), held: true) == .duplicate)
    }

    @Test("broken link: one above the head but not linked to it")
    func brokenLink() throws {
        let unlinked = try entry(2, previous: EntryFixtures.someID)
        #expect(classify(unlinked, ChainHead(entry: first)) == .fork(.brokenLink))
        #expect(classify(unlinked, ChainHead(entry: first, isForked: true)) == .forkIgnored)
    }

    @Test("gap: more than one above the head")
    func gap() throws {
        let far = try entry(5, previous: EntryFixtures.someID)
        #expect(classify(far, ChainHead(entry: second)) == .gap(expected: 3))
        #expect(classify(far, ChainHead(entry: second, isForked: true)) == .gap(expected: 3))
    }

    @Test("fork: at or below the head and not held")
    func sameSequence() throws {
        let otherFirst = try entry(1, previous: .zero, content: [8])
        let otherSecond = try entry(2, previous: first.id, content: [8])
        #expect(classify(otherSecond, ChainHead(entry: second)) == .fork(.sameSequence))
        #expect(classify(otherFirst, ChainHead(entry: second)) == .fork(.sameSequence))
        #expect(classify(otherSecond, ChainHead(entry: second, isForked: true)) == .forkIgnored)
        #expect(classify(otherFirst, ChainHead(entry: second, isForked: true)) == .forkIgnored)
    }

    @Test("a forked chain still accepts entries that extend its head")
    func forkedChainExtends() {
        #expect(classify(second, ChainHead(entry: first, isForked: true)) == .append)
    }

    @Test("a head at the largest sequence does not overflow")
    func largestSequence() throws {
        let head = ChainHead(sequence: .max, id: EntryFixtures.someID)
        #expect(
            classify(try entry(.max, previous: EntryFixtures.someID), head) == .fork(.sameSequence))
        #expect(classify(second, head) == .fork(.sameSequence))
    }

    @Test("a log replaying a fork pair keeps the first, flags the second, drops later forks")
    func replay() throws {
        var log = ChainLog()
        let fork = try entry(2, previous: first.id, content: [7])
        let onFork = try entry(3, previous: fork.id)
        let third = try entry(3, previous: second.id)
        #expect(log.receive(first) == .append)
        #expect(log.receive(second) == .append)
        #expect(log.receive(fork) == .fork(.sameSequence))
        #expect(log.receive(fork) == .duplicate)
        #expect(log.receive(onFork) == .forkIgnored)
        #expect(log.receive(third) == .append)
        #expect(log.heads[first.chain] == ChainHead(entry: third, isForked: true))
    }
}
