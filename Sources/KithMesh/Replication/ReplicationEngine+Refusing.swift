import KithCore

extension ReplicationEngine {
    /// The sequence a clock lists a refused author with: "send me nothing of this chain".
    public static var refusedSequence: UInt64 { .max }

    /// `authors` in ascending order of their hex keys.
    static func ordered(_ authors: Set<PublicKey>) -> [PublicKey] {
        authors.map { ($0.hex, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The complete clock this node announces in `community`: its chains with refused authors at
    /// ``refusedSequence``, then the refused authors it holds none of, in key order.
    func advertisedClock(of local: LocalClock, community: CommunityID) -> [ReplicationMessage] {
        guard !refusedInOrder.isEmpty else { return local.messages(community: community) }
        var items = local.items.map { item in
            refusedAuthors.contains(item.author)
                ? ClockItem(author: item.author, sequence: Self.refusedSequence) : item
        }
        for author in refusedInOrder where !local.knows(author) {
            items.append(ClockItem(author: author, sequence: Self.refusedSequence))
        }
        return LocalClock.messages(items, community: community)
    }

    /// Replaces the refused authors with `authors` (the node's own key left out): every open
    /// session is told, per shared community, the newly refused authors at ``refusedSequence``
    /// and the released ones at the node's real head; released chains resume catch-up.
    mutating func changeRefusedAuthors(
        to authors: Set<PublicKey>, into actions: inout [ReplicationAction]
    ) {
        let wanted = authors.subtracting([localKey])
        let refused = Self.ordered(wanted.subtracting(refusedAuthors))
        let released = Self.ordered(refusedAuthors.subtracting(wanted))
        refusedAuthors = wanted
        refusedInOrder = Self.ordered(wanted)
        guard !refused.isEmpty || !released.isEmpty else { return }
        for community in keys.map(\.id) {
            for author in refused {
                forgetPushers(of: ChainKey(author: author, community: community))
            }
        }
        for peer in sessionOrder {
            guard var session = sessions.removeValue(forKey: peer) else { continue }
            for community in session.sharedCommunities {
                let local = localClocks[community] ?? LocalClock([])
                for author in refused {
                    session.liveQueue.remove(ChainKey(author: author, community: community))
                }
                let items = refused.map {
                    ClockItem(author: $0, sequence: Self.refusedSequence)
                }
                for message in LocalClock.partialMessages(items, community: community) {
                    session.send(message, now: now, into: &actions)
                }
                // Released chains are announced at their real head with the pending items, after
                // the asks below, so that one item says both.
                for author in released {
                    let chain = ChainKey(author: author, community: community)
                    session.resumeCatchUp(chain, head: local[author])
                    session.pendingItems.insert(chain, request: true, due: now)
                }
                session.noteActivity(in: community, now: now)
            }
            sessions[peer] = session
        }
        // What peers are known to hold of a released chain is asked for as usual.
        for peer in sessionOrder {
            guard let session = sessions[peer] else { continue }
            for community in session.sharedCommunities {
                for author in released {
                    let chain = ChainKey(author: author, community: community)
                    considerAsking(chain, of: peer, holding: session.held(chain))
                }
            }
        }
        for peer in sessionOrder { pump(peer, into: &actions) }
    }
}
