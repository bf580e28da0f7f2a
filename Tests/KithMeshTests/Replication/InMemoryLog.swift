import KithCore
import KithMesh

/// A log in memory for replication tests: it validates what peers send with `Entry(validating:)`,
/// classifies it with `ChainRules`, keeps the first fork of a chain as proof, and serves the
/// engine as its ``ReplicationSource``.
final class InMemoryLog: ReplicationSource {
    /// Every stored entry in the order it was stored, fork entries included.
    private(set) var entries: [Entry] = []
    /// The entries of each chain the log follows, index `sequence - 1`.
    private var chains: [ChainKey: [Entry]] = [:]
    /// The authors of each community in the order their chains started.
    private var authors: [CommunityID: [PublicKey]] = [:]
    /// The ids of every stored entry.
    private var ids: Set<EntryID> = []
    /// The chains with a fork kept as proof.
    private(set) var forkedChains: Set<ChainKey> = []

    /// The ids of every stored entry.
    var storedIDs: Set<EntryID> { ids }

    /// Whether the log holds an entry with `id`.
    func contains(_ id: EntryID) -> Bool { ids.contains(id) }

    /// The head of `chain`, or nil when the log holds none of it.
    func head(of chain: ChainKey) -> ChainHead? {
        guard let last = chains[chain]?.last else { return nil }
        return ChainHead(entry: last, isForked: forkedChains.contains(chain))
    }

    /// Signs and appends a new entry of `author` in `community` after the chain's head.
    @discardableResult
    func post(
        _ text: String, by author: SigningKey, in community: CommunityID, timestamp: UInt64 = 0
    )
        throws -> Entry
    {
        let chain = ChainKey(author: author.publicKey, community: community)
        let head = head(of: chain)
        let entry = try Entry.sign(
            community: community, sequence: (head?.sequence ?? 0) + 1, previous: head?.id ?? .zero,
            timestamp: timestamp, contentType: .post, content: Array(text.utf8), with: author)
        store(entry, asFork: false)
        return entry
    }

    /// Verifies and stores an entry a peer sent, as a node does: the outcome says what happened.
    func ingest(_ entry: Entry) -> IngestOutcome {
        let checked: Entry
        do throws(EntryError) {
            checked = try Entry(validating: entry.bytes)
        } catch {
            return .invalid(error)
        }
        let decision = ChainRules.classify(
            checked, head: head(of: checked.chain), alreadyHeld: ids.contains(checked.id))
        switch decision {
        case .append: store(checked, asFork: false)
        case .fork: store(checked, asFork: true)
        case .duplicate, .gap, .forkIgnored: break
        }
        return .valid(checked.chain, decision)
    }

    private func store(_ entry: Entry, asFork: Bool) {
        entries.append(entry)
        ids.insert(entry.id)
        if asFork {
            forkedChains.insert(entry.chain)
            return
        }
        if chains[entry.chain] == nil { authors[entry.community, default: []].append(entry.author) }
        chains[entry.chain, default: []].append(entry)
    }

    // MARK: ReplicationSource

    func clock(of community: CommunityID) -> [ClockItem] {
        (authors[community] ?? []).map { author in
            ClockItem(
                author: author,
                sequence: UInt64(chains[ChainKey(author: author, community: community)]?.count ?? 0)
            )
        }
    }

    func entries(of chain: ChainKey, from sequence: UInt64, limit: Int) -> [Entry] {
        guard let held = chains[chain], sequence >= 1, limit > 0, sequence <= UInt64(held.count)
        else {
            return []
        }
        let start = Int(sequence - 1)
        return Array(held[start..<min(held.count, start + limit)])
    }
}
