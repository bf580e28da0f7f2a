import Testing

@testable import KithNode

@Suite("Timer queue")
struct TimerQueueTests {
    @Test("timers fire in deadline order, ties in scheduling order, only once due")
    func firesInOrder() {
        var queue = TimerQueue()
        let late = queue.schedule(at: 300)
        let first = queue.schedule(at: 100)
        let tieA = queue.schedule(at: 200)
        let tieB = queue.schedule(at: 200)
        let firstDeadline = queue.nextDeadline()
        let tooEarly = queue.popExpired(now: 99)
        let due = queue.popExpired(now: 250)
        let nextDeadline = queue.nextDeadline()
        let rest = queue.popExpired(now: 1_000)
        let finalDeadline = queue.nextDeadline()
        #expect(firstDeadline == 100)
        #expect(tooEarly.isEmpty)
        #expect(due == [first, tieA, tieB])
        #expect(nextDeadline == 300)
        #expect(rest == [late])
        #expect(finalDeadline == nil)
        #expect(queue.count == 0)
    }

    @Test("a cancelled timer never fires and does not hold up the next deadline")
    func cancels() {
        var queue = TimerQueue()
        let cancelled = queue.schedule(at: 10)
        let kept = queue.schedule(at: 20)
        queue.cancel(cancelled)
        let count = queue.count
        let deadline = queue.nextDeadline()
        let fired = queue.popExpired(now: 100)
        #expect(count == 1)
        #expect(deadline == 20)
        #expect(fired == [kept])
        #expect(queue.count == 0)
    }

    @Test("many timers in random order come out sorted")
    func sortsMany() {
        var queue = TimerQueue()
        var deadlines: [UInt64] = []
        for _ in 0..<500 {
            let deadline = UInt64.random(in: 0..<10_000)
            deadlines.append(deadline)
            _ = queue.schedule(at: deadline)
        }
        var fired: [UInt64] = []
        while let next = queue.nextDeadline() {
            fired += queue.popExpired(now: next).map { _ in next }
        }
        #expect(fired == deadlines.sorted())
    }
}
