import KithControl
import KithCore
import KithMesh
import KithStorage

extension ControlService {
    /// The most of the latest entries of the log a `people` request with `active_since` reads:
    /// the answer stays bounded however long the log is.
    static let recentEntriesExamined = 1_000
    /// The most people described in one turn of the loop (each costs a few reads of the log).
    static let peopleDescribedPerTurn = 100

    /// A page of people being described, between turns of the loop.
    struct PeopleWork {
        let community: CommunityID
        let keys: [PublicKey]
        let total: Int
        let more: Int
        let online: Set<PublicKey>
        var people: [ControlPerson] = []
    }

    /// `people`: one page, in key order, of the authors whose chain the log holds in a community
    /// and the node itself, or of those a filter selects (Protocol/control.md). The work is the
    /// page's, not the community's: the authors are kept in key order as chains appear; the page
    /// is described ``peopleDescribedPerTurn`` people per turn of the loop, answered through
    /// `later` when it takes more than one.
    func answerPeople(
        _ query: PeopleQuery, in requested: CommunityID?,
        later: @escaping (ControlResponse) -> Void
    ) throws(ControlRequestError) -> ControlResponse? {
        let community = try controlCommunity(requested)
        let online = host.onlineKeys(in: community)
        let selected: (keys: [PublicKey], total: Int, more: Int)
        switch query.selection {
        case .everyone:
            selected = everyonePage(in: community, query)
        case .author(let author):
            let held = author == localKey || store.state(of: chain(author, community)) != nil
            selected = page(of: held ? [author] : [], query)
        case .online:
            selected = page(of: online.union([localKey]), query)
        case .activeSince(let since):
            selected = page(of: recentAuthors(in: community, since: since), query)
        }
        let work = PeopleWork(
            community: community, keys: selected.keys, total: selected.total,
            more: selected.more, online: online)
        return answerInSteps(work, later: later) { [unowned self] work in
            let start = work.people.count
            let end = min(work.keys.count, start + Self.peopleDescribedPerTurn)
            for author in work.keys[start..<end] {
                work.people.append(
                    self.person(
                        self.chain(author, work.community), isOnline: work.online.contains(author)))
            }
            guard end == work.keys.count else { return nil }
            return ControlResponse.peoplePage(work.people, total: work.total, more: work.more)
        }
    }

    private func chain(_ author: PublicKey, _ community: CommunityID) -> ChainKey {
        ChainKey(author: author, community: community)
    }

    /// A page of a small set of keys.
    private func page(of keys: Set<PublicKey>, _ query: PeopleQuery)
        -> (keys: [PublicKey], total: Int, more: Int)
    {
        let page = query.page(of: keys)
        return (page.keys, keys.count, page.more)
    }

    /// A page of every author of `community`, the node itself included even before its first
    /// entry there.
    private func everyonePage(in community: CommunityID, _ query: PeopleQuery)
        -> (keys: [PublicKey], total: Int, more: Int)
    {
        var (keys, countAfter) = store.authors(
            in: community, after: query.after, limit: query.limit)
        var total = store.authorCount(in: community)
        if store.state(of: chain(localKey, community)) == nil {
            total += 1
            if query.after.map({ localKey > $0 }) ?? true {
                countAfter += 1
                keys.insert(localKey, at: keys.firstIndex { $0 > localKey } ?? keys.endIndex)
                if keys.count > query.limit { keys.removeLast() }
            }
        }
        return (keys, total, countAfter - keys.count)
    }

    /// The authors of `community`'s entries claiming `since` or later, among the latest
    /// ``recentEntriesExamined`` entries of the log.
    private func recentAuthors(in community: CommunityID, since: UInt64) -> Set<PublicKey> {
        var authors: Set<PublicKey> = []
        let count = store.entryCount
        var ordinal = count
        while ordinal > 0, count - ordinal < UInt64(Self.recentEntriesExamined) {
            ordinal -= 1
            guard let entry = try? store.entry(atOrdinal: ordinal) else { continue }
            if entry.community == community, entry.timestamp >= since {
                authors.insert(entry.author)
            }
        }
        return authors
    }

    /// One author of a community as `people` describes it; the log may hold none of its chain
    /// (the node itself before its first entry).
    private func person(_ chain: ChainKey, isOnline: Bool) -> ControlPerson {
        let state = store.state(of: chain)
        let head = state.flatMap { try? store.entry(atOrdinal: $0.headOrdinal) }
        let first =
            state == nil ? nil : (try? store.entries(of: chain, from: 1, limit: 1))?.first
        return ControlPerson(
            publicKey: chain.author, fingerprint: chain.author.fingerprint.full,
            displayName: state == nil ? nil : store.displayName(of: chain)?.name,
            headSequence: state?.headSequence ?? 0,
            firstTimestamp: first?.sequence == 1 ? first?.timestamp : nil,
            lastTimestamp: head?.timestamp, online: isOnline, own: chain.author == localKey)
    }
}
