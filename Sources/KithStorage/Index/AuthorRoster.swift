import KithCore

/// The authors of each community in key order, kept up to date as chains appear, so that a page
/// of them (after a key, at most so many) is found without sorting or scanning every chain.
///
/// Each community keeps a sorted array and a short unsorted list of the authors added since it
/// was last merged in: adding costs a merge of the whole array once every
/// ``mergeThreshold`` new authors, and a page costs a binary search plus a look at the short list.
struct AuthorRoster {
    /// The most authors kept outside the sorted array before they are merged into it.
    static let mergeThreshold = 4_096

    /// The authors of one community.
    private struct Members {
        /// Authors in key order.
        var sorted: [PublicKey] = []
        /// Authors added since the last merge, in the order they came.
        var recent: [PublicKey] = []

        var count: Int { sorted.count + recent.count }

        mutating func merge() {
            guard !recent.isEmpty else { return }
            recent.sort()
            var merged: [PublicKey] = []
            merged.reserveCapacity(sorted.count + recent.count)
            var left = 0
            var right = 0
            while left < sorted.count || right < recent.count {
                if right == recent.count || (left < sorted.count && sorted[left] < recent[right]) {
                    merged.append(sorted[left])
                    left += 1
                } else {
                    merged.append(recent[right])
                    right += 1
                }
            }
            sorted = merged
            recent = []
        }

        /// The position in `sorted` of the first author after `key` (every author when nil).
        func firstSortedPosition(after key: PublicKey?) -> Int {
            guard let key else { return 0 }
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] <= key { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    private var members: [CommunityID: Members] = [:]

    /// A roster of the chains' authors, each community's sorted once.
    init(chains: some Sequence<ChainKey>) {
        for chain in chains {
            members[chain.community, default: Members()].sorted.append(chain.author)
        }
        for community in members.keys {
            members[community]?.sorted.sort()
        }
    }

    /// The number of authors of `community`.
    func count(in community: CommunityID) -> Int {
        members[community]?.count ?? 0
    }

    /// Adds the author of a chain that just appeared; it must not be in the roster yet.
    mutating func add(_ chain: ChainKey) {
        members[chain.community, default: Members()].recent.append(chain.author)
        if let recent = members[chain.community]?.recent.count, recent >= Self.mergeThreshold {
            members[chain.community]?.merge()
        }
    }

    /// At most `limit` authors of `community` that come after `key` (from the first when nil), in
    /// key order, and how many authors come after `key` in all.
    func page(in community: CommunityID, after key: PublicKey?, limit: Int)
        -> (authors: [PublicKey], countAfter: Int)
    {
        guard let group = members[community] else { return ([], 0) }
        let start = group.firstSortedPosition(after: key)
        let end = start + min(max(limit, 0), group.sorted.count - start)
        let fromSorted = group.sorted[start..<end]
        let fromRecent = group.recent.filter { Self.comes($0, after: key) }.sorted()
        var page: [PublicKey] = []
        page.reserveCapacity(min(limit, fromSorted.count + fromRecent.count))
        var left = fromSorted.startIndex
        var right = 0
        while page.count < limit, left < fromSorted.endIndex || right < fromRecent.count {
            if right == fromRecent.count
                || (left < fromSorted.endIndex && fromSorted[left] < fromRecent[right])
            {
                page.append(fromSorted[left])
                left += 1
            } else {
                page.append(fromRecent[right])
                right += 1
            }
        }
        return (page, group.sorted.count - start + fromRecent.count)
    }

    /// Whether `author` comes after `key` (every author comes after nil).
    private static func comes(_ author: PublicKey, after key: PublicKey?) -> Bool {
        key.map { author > $0 } ?? true
    }
}
