import KithMesh
import Testing

@testable import KithNode

@Suite("Session eviction policy")
struct SessionEvictionPolicyTests {
    private typealias Candidate = SessionEvictionPolicy.Candidate
    private let policy = SessionEvictionPolicy(minimumAge: 60_000)

    @Test("the newcomer is refused while every session is younger than the minimum age")
    func youngSessionsAreKept() {
        let candidates = [
            Candidate(handle: PeerHandle(1), establishedAt: 100_000, lastNewEntryAt: nil),
            Candidate(handle: PeerHandle(2), establishedAt: 130_000, lastNewEntryAt: nil),
        ]
        #expect(policy.victim(among: candidates, now: 150_000) == nil)
        #expect(policy.victim(among: [], now: 150_000) == nil)
    }

    @Test("the session whose peer has gone longest without giving a new entry makes room")
    func leastUsefulGoes() {
        let candidates = [
            // Old, but gave an entry recently.
            Candidate(handle: PeerHandle(1), establishedAt: 0, lastNewEntryAt: 290_000),
            // Gave its last new entry long ago.
            Candidate(handle: PeerHandle(2), establishedAt: 10_000, lastNewEntryAt: 50_000),
            // Never gave anything, established after 2's last entry.
            Candidate(handle: PeerHandle(3), establishedAt: 100_000, lastNewEntryAt: nil),
            // Young: protected whatever it did.
            Candidate(handle: PeerHandle(4), establishedAt: 280_000, lastNewEntryAt: nil),
        ]
        #expect(policy.victim(among: candidates, now: 300_000) == PeerHandle(2))
        #expect(policy.victim(among: Array(candidates.dropFirst(2)), now: 300_000) == PeerHandle(3))
    }

    @Test("ties go to the lower handle, so the choice is deterministic")
    func tiesAreDeterministic() {
        let candidates = [
            Candidate(handle: PeerHandle(9), establishedAt: 0, lastNewEntryAt: nil),
            Candidate(handle: PeerHandle(5), establishedAt: 0, lastNewEntryAt: nil),
        ]
        #expect(policy.victim(among: candidates, now: 60_000) == PeerHandle(5))
    }
}
