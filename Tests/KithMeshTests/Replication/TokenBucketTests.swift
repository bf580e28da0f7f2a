import KithMesh
import Testing

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("starts full, refills at its rate, never above its capacity")
    func refill() {
        var bucket = TokenBucket(capacity: 10, perMinute: 60, now: 1_000)
        #expect(bucket.available(now: 1_000) == 10)
        let taken1 = bucket.take(10, now: 1_000)
        #expect(taken1)
        let taken2 = bucket.take(1, now: 1_999)
        #expect(!taken2)
        let taken3 = bucket.take(1, now: 2_000)
        #expect(taken3)
        #expect(bucket.available(now: 1_000_000) == 10)
    }

    @Test("a slow rate refills exactly: 30 a minute is one every 2 s")
    func slowRate() {
        var bucket = TokenBucket(capacity: 1, perMinute: 30, now: 0)
        let taken4 = bucket.take(1, now: 0)
        #expect(taken4)
        let taken5 = bucket.take(1, now: 1_999)
        #expect(!taken5)
        let taken6 = bucket.take(1, now: 2_000 + 1_999)
        #expect(taken6)
    }

    @Test("a refused take takes nothing; a clock going back adds nothing")
    func refusedAndBackwards() {
        var bucket = TokenBucket(capacity: 5, perMinute: 60_000, now: 10_000)
        let taken7 = bucket.take(6, now: 10_000)
        #expect(!taken7)
        #expect(bucket.available(now: 10_000) == 5)
        let taken8 = bucket.take(5, now: 10_000)
        #expect(taken8)
        #expect(bucket.available(now: 5_000) == 0)
        #expect(bucket.available(now: 10_001) == 1)
    }

    @Test("huge rates and times saturate instead of overflowing")
    func saturates() {
        var bucket = TokenBucket(capacity: .max / 2, perMinute: .max, now: 0)
        let taken9 = bucket.take(1, now: .max)
        #expect(taken9)
        #expect(bucket.available(now: .max) > 0)
    }
}
