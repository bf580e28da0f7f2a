import KithCore
import KithMesh
import KithStorage

extension NodeRuntime {
    /// `people`: every author whose chain the log holds in a community, and the node itself,
    /// ordered by public key (Protocol/control.md).
    func answerPeople(_ request: ControlRequest) -> ControlResponse {
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
        } catch {
            return ControlResponse(error: "\(error)")
        }
        var states: [PublicKey: ChainState] = [:]
        for (chain, state) in store.chains where chain.community == community {
            states[chain.author] = state
        }
        var authors = Set(states.keys)
        authors.insert(localKey)
        let online = onlineKeys(in: community)
        let people = authors.map { author in
            person(
                ChainKey(author: author, community: community), state: states[author],
                isOnline: online.contains(author))
        }
        return ControlResponse(people: people.sorted { $0.publicKey < $1.publicKey })
    }

    /// The keys of the peers with an established session that shares `community`.
    func onlineKeys(in community: CommunityID) -> Set<PublicKey> {
        var keys: Set<PublicKey> = []
        for (key, handle) in sessionByKey
        where sessions.connections[handle]?.phase == .established
            && engine.statistics(of: handle)?.sharedCommunities.contains(community) == true
        {
            keys.insert(key)
        }
        return keys
    }

    /// One author of a community as `people` describes it; `state` is nil when the log holds
    /// none of its chain (the node itself before its first entry).
    private func person(_ chain: ChainKey, state: ChainState?, isOnline: Bool) -> ControlPerson {
        let head = state.flatMap { try? store.entry(atOrdinal: $0.headOrdinal) }
        let first =
            state == nil ? nil : (try? store.entries(of: chain, from: 1, limit: 1))?.first
        return ControlPerson(
            publicKey: chain.author.hex, fingerprint: chain.author.fingerprint.full,
            displayName: state == nil ? nil : store.displayName(of: chain)?.name,
            headSequence: state?.headSequence ?? 0,
            firstTimestamp: first?.sequence == 1 ? first?.timestamp : nil,
            lastTimestamp: head?.timestamp, online: isOnline, own: chain.author == localKey)
    }
}
