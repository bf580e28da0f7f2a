import KithCore
import Testing

@testable import KithNode

@Suite("ReopenLimiter: sessions reopened for a community, at most once per interval per peer")
struct ReopenLimiterTests {
    @Test("a peer's session is reopened again only once the interval passed; peers are apart")
    func oncePerInterval() {
        let limiter = ReopenLimiter()
        let first = SigningKey.generate().publicKey
        let second = SigningKey.generate().publicKey
        #expect(limiter.allows(first, now: 1_000))
        #expect(!limiter.allows(first, now: 1_000 + ReopenLimiter.interval - 1))
        #expect(limiter.allows(second, now: 1_500))
        #expect(limiter.allows(first, now: 1_000 + ReopenLimiter.interval))
        #expect(!limiter.allows(second, now: 1_500 + ReopenLimiter.interval - 1))
    }
}
