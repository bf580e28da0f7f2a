import KithCore

/// What a session knows about one community it shares with the peer: the peer clock, and whether
/// the peer's first clock has fully arrived.
///
/// The peer clock is bounded whatever the peer sends: chains of authors the node knows (at most
/// as many as the node holds) plus at most `unknownLimit` chains of authors it does not know.
struct PeerCommunityState: Sendable {
    /// For each author the node knows, the highest sequence the peer holds or has been sent.
    private var known: [PublicKey: UInt64] = [:]
    /// The same for authors the node does not know (yet).
    private var unknown: [PublicKey: UInt64] = [:]
    /// Whether the peer's first clock of this community has fully arrived: no entry of the
    /// community is sent before.
    var isClockComplete = false

    /// The number of chains in the peer clock.
    var chainCount: Int { known.count + unknown.count }

    /// The sequence the peer is known to hold of `author`'s chain, 0 when none.
    func held(_ author: PublicKey) -> UInt64 { known[author] ?? unknown[author] ?? 0 }

    /// Records that the peer holds `author`'s chain up to `sequence`: the value replaces the
    /// known one when `replacing` (a clock says what the peer holds now), else it can only rise.
    /// An author the node does not know is not recorded once `unknownLimit` such authors are.
    /// Returns whether the value was recorded.
    @discardableResult
    mutating func record(
        _ author: PublicKey, _ sequence: UInt64, replacing: Bool, local: LocalClock,
        unknownLimit: Int
    ) -> Bool {
        if local.knows(author) {
            adopt(author)
            let value = replacing ? sequence : max(known[author] ?? 0, sequence)
            known[author] = value
            return true
        }
        if let current = unknown[author] {
            unknown[author] = replacing ? sequence : max(current, sequence)
            return true
        }
        guard unknown.count < unknownLimit else { return false }
        unknown[author] = sequence
        return true
    }

    /// Moves `author` to the known authors once the node holds some of its chain.
    mutating func adopt(_ author: PublicKey) {
        guard let value = unknown.removeValue(forKey: author) else { return }
        known[author] = max(known[author] ?? 0, value)
    }
}
