import KithCore
import KithMesh
import Testing

/// overlay.md, rule by rule, on one policy with a fixed salt.
@Suite("Overlay policy")
struct OverlayPolicyTests {
    static let salt = [UInt8](repeating: 7, count: 32)
    let local = ReplicationFixtures.signingKey(1).publicKey
    let link = OverlayLink(2)

    /// `count` peer keys, best-ranked first under the test salt.
    func peers(_ count: Int) -> [PublicKey] {
        (0..<count).map { ReplicationFixtures.publicKey(1_000 + $0) }
            .sorted { OverlayRank(of: $0, salt: Self.salt) < OverlayRank(of: $1, salt: Self.salt) }
    }

    func policy() -> OverlayPolicy {
        OverlayPolicy(localKey: local, salt: Self.salt)
    }

    func dials(_ actions: [OverlayAction]) -> [PublicKey] {
        actions.compactMap { if case .dial(let key) = $0 { return key } else { return nil } }
    }

    @Test("the rank is BLAKE2b-256 keyed by the salt over the label and the key")
    func rank() throws {
        let key = ReplicationFixtures.publicKey(5)
        let rank = OverlayRank(of: key, salt: Self.salt)
        #expect(
            rank.bytes
                == Blake2b.hash256(key: Self.salt, Array("kith overlay rank v1".utf8) + key.bytes))
        #expect(OverlayRank(of: key, salt: [UInt8](repeating: 8, count: 32)) != rank)
    }

    @Test("a newcomer dials the best 3 it heard at once, then nothing more while idle")
    func filling() {
        var policy = policy()
        let keys = peers(10)
        for key in keys.reversed() { policy.heard(key, on: link, now: 0) }
        #expect(policy.wanted(now: 0) == Array(keys.prefix(3)))
        #expect(dials(policy.decide(now: 0)) == Array(keys.prefix(3)))
        #expect(policy.decide(now: 1).isEmpty)
        for key in keys.prefix(3) {
            #expect(policy.admit(key, direction: .outbound, now: 5) == .keep)
        }
        for time in stride(from: UInt64(10), to: 600_000, by: 10_000) {
            #expect(policy.decide(now: time).isEmpty)
        }
    }

    @Test("a better candidate is dialed once mature, one at a time; the worst choice then goes")
    func improving() {
        var policy = policy()
        let keys = peers(6)
        for key in keys[3...] { policy.heard(key, on: link, now: 0) }
        for key in dials(policy.decide(now: 0)) {
            #expect(policy.admit(key, direction: .outbound, now: 10) == .keep)
        }
        // Three better peers appear at 1 s: nothing until they have been heard for 2 s.
        for key in keys.prefix(3) { policy.heard(key, on: link, now: 1_000) }
        #expect(policy.decide(now: 2_999).isEmpty)
        #expect(policy.decide(now: 3_000) == [.dial(keys[0])])
        #expect(policy.decide(now: 3_001).isEmpty)  // One improving dial at a time.
        #expect(policy.admit(keys[0], direction: .outbound, now: 3_010) == .keep)
        #expect(policy.decide(now: 3_010) == [.dial(keys[1]), .close(keys[5], .rebalancing)])
        #expect(policy.admit(keys[1], direction: .outbound, now: 3_020) == .keep)
        #expect(policy.decide(now: 3_020) == [.dial(keys[2]), .close(keys[4], .rebalancing)])
        #expect(policy.admit(keys[2], direction: .outbound, now: 3_030) == .keep)
        #expect(policy.decide(now: 3_030) == [.close(keys[3], .rebalancing)])
        #expect(policy.decide(now: 100_000).isEmpty)
        #expect(policy.sessionCount == 3)
    }

    @Test("sessions peers open fill 5 places; the 6th is refused, a wanted peer is kept")
    func admission() {
        var policy = policy()
        let keys = peers(12)
        for key in keys.prefix(3) { policy.heard(key, on: link, now: 0) }
        let strangers = Array(keys[3...])
        for (index, stranger) in strangers.enumerated() {
            let expected: OverlayAdmission = index < 5 ? .keep : .refuse
            #expect(policy.admit(stranger, direction: .inbound, now: 1) == expected)
        }
        // The node's own choices still connect, and a wanted peer that dials in is kept.
        #expect(dials(policy.decide(now: 2)) == Array(keys.prefix(3)))
        #expect(policy.admit(keys[0], direction: .inbound, now: 3) == .keep)
        #expect(policy.admit(keys[1], direction: .outbound, now: 3) == .keep)
        #expect(policy.admit(keys[2], direction: .outbound, now: 3) == .keep)
        #expect(policy.sessionCount == 8)
        #expect(policy.decide(now: 4).isEmpty)
    }

    @Test(
        "failures back off from 1 s doubling to 60 s; a refusal for 10 min; a long session resets")
    func backoff() {
        var policy = policy()
        let keys = peers(4)
        for key in keys { policy.heard(key, on: link, now: 0) }
        let best = keys[0]
        #expect(dials(policy.decide(now: 0)).first == best)
        policy.dialEnded(best, .failed, now: 100)
        #expect(policy.backoffEnds(for: best, now: 100) == 1_100)
        #expect(!policy.wanted(now: 1_099).contains(best))
        #expect(policy.wanted(now: 1_100).contains(best))
        policy.dialEnded(best, .failed, now: 1_100)
        #expect(policy.backoffEnds(for: best, now: 1_100) == 3_100)
        policy.dialEnded(best, .refused, now: 3_100)
        #expect(policy.backoffEnds(for: best, now: 3_100) == 603_100)
        #expect(policy.admit(best, direction: .outbound, now: 603_100) == .keep)
        policy.sessionEnded(best, .normal, now: 613_100)
        #expect(policy.backoffEnds(for: best, now: 613_100) == nil)
        // A short session that failed is a failure; one that ended normally is not.
        #expect(policy.admit(keys[1], direction: .outbound, now: 80_000) == .keep)
        policy.sessionEnded(keys[1], .normal, now: 80_500)
        #expect(policy.backoffEnds(for: keys[1], now: 80_500) == 81_000)
        #expect(policy.admit(keys[1], direction: .outbound, now: 81_000) == .keep)
        policy.sessionEnded(keys[1], .failed, now: 81_500)
        #expect(policy.backoffEnds(for: keys[1], now: 81_500) == 82_500)
    }

    @Test(
        "a session that ended normally ends the backoff however short; failures count from 1 s again"
    )
    func normalEndingResetsBackoff() {
        var policy = policy()
        let keys = peers(4)
        for key in keys { policy.heard(key, on: link, now: 0) }
        let peer = keys[0]
        // Four failed dials in a row: the next wait would be 8 s.
        var now: UInt64 = 0
        for expected: UInt64 in [1_000, 2_000, 4_000, 8_000] {
            policy.dialEnded(peer, .failed, now: now)
            #expect(policy.backoffEnds(for: peer, now: now) == now + expected)
            now += expected
        }
        // The peer dials in while this node waits (until 15 s); the session ends with goodbye 0
        // after 3 s.
        #expect(policy.backoffEnds(for: peer, now: 8_000) == 15_000)
        #expect(policy.admit(peer, direction: .inbound, now: 8_000) == .keep)
        policy.sessionEnded(peer, .normal, now: 11_000)
        #expect(policy.backoffEnds(for: peer, now: 11_000) == nil)
        #expect(policy.wanted(now: 11_000).contains(peer))
        #expect(policy.decide(now: 11_000).contains(.dial(peer)))
        // The count starts again: the next failure waits 1 s, not 16 s.
        policy.dialEnded(peer, .failed, now: 11_100)
        #expect(policy.backoffEnds(for: peer, now: 11_100) == 12_100)
        // A peer that ends every session at once is dialed again 1 s after the session began.
        #expect(policy.admit(peer, direction: .outbound, now: 30_000) == .keep)
        policy.sessionEnded(peer, .normal, now: 30_050)
        #expect(policy.backoffEnds(for: peer, now: 30_050) == 31_000)
        #expect(!policy.wanted(now: 30_999).contains(peer))
        #expect(policy.wanted(now: 31_000).contains(peer))
        // A short session that failed still counts as a failure, and a refusal as a refusal.
        #expect(policy.admit(peer, direction: .outbound, now: 40_000) == .keep)
        policy.sessionEnded(peer, .failed, now: 40_500)
        #expect(policy.backoffEnds(for: peer, now: 40_500) == 41_500)
        #expect(policy.admit(peer, direction: .outbound, now: 50_000) == .keep)
        policy.sessionEnded(peer, .refused, now: 50_500)
        #expect(policy.backoffEnds(for: peer, now: 50_500) == 650_500)
    }

    @Test("each link gets its best candidate even when it ranks low; static peers are wanted")
    func linksAndStaticPeers() {
        var policy = policy()
        let keys = peers(8)
        for key in keys.prefix(7) { policy.heard(key, on: link, now: 0) }
        policy.heard(keys[7], on: OverlayLink(3), now: 0)
        #expect(policy.wanted(now: 0) == [keys[0], keys[7], keys[1]])
        policy.heard(keys[6], on: link, isStatic: true, now: 0)
        #expect(Set(policy.wanted(now: 0)) == [keys[0], keys[6], keys[7]])
    }

    @Test("a forgotten candidate leaves the wanted peers, unless it has a session")
    func forgetting() {
        var policy = policy()
        let keys = peers(5)
        for key in keys { policy.heard(key, on: link, now: 0) }
        #expect(policy.admit(keys[0], direction: .outbound, now: 1) == .keep)
        policy.forget(keys[0])
        policy.forget(keys[1])
        #expect(policy.wanted(now: 2) == [keys[0], keys[2], keys[3]])
        #expect(policy.candidateCount == 4)
    }

    @Test("a lost chosen session is replaced at once")
    func replaceLost() {
        var policy = policy()
        let keys = peers(5)
        for key in keys { policy.heard(key, on: link, now: 0) }
        for key in dials(policy.decide(now: 0)) {
            #expect(policy.admit(key, direction: .outbound, now: 1) == .keep)
        }
        policy.sessionEnded(keys[1], .failed, now: 5_000)
        #expect(policy.decide(now: 5_000) == [.dial(keys[3])])
    }
}
