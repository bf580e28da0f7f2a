import KithCore
import KithMesh

/// A node's log in memory, for simulations and replication tests: it classifies entries with
/// `ChainRules` as a node's store does, keeps the first fork of a chain as proof, and serves the
/// engine as its ``ReplicationSource``. Signatures are checked once per entry for everyone who
/// shares its ``SignatureCache`` (a whole simulation), since every node would find the same.
public final class SimulatedLog: ReplicationSource {
    /// Every stored entry in the order it was stored, fork proofs included.
    public private(set) var entries: [Entry] = []
    /// The ids of every stored entry, fork proofs included.
    public private(set) var ids: Set<EntryID> = []
    /// The chains with a fork kept as proof.
    public private(set) var forkedChains: Set<ChainKey> = []
    /// The entries of each chain the log follows, index `sequence - 1`.
    private var chains: [ChainKey: [Entry]] = [:]
    /// The authors of each community in the order their chains started.
    private var authors: [CommunityID: [PublicKey]] = [:]
    private let signatures: SignatureCache

    /// An empty log whose signature checks go through `signatures` (a cache of its own if none).
    public init(signatures: SignatureCache = SignatureCache()) {
        self.signatures = signatures
    }

    /// The ids of every stored entry, fork proofs included.
    public var storedIDs: Set<EntryID> { ids }

    /// The number of entries stored, fork proofs included.
    public var count: Int { ids.count }

    /// Whether the log holds an entry with `id`.
    public func contains(_ id: EntryID) -> Bool { ids.contains(id) }

    /// The head of `chain`, or nil when the log holds none of it.
    public func head(of chain: ChainKey) -> ChainHead? {
        guard let last = chains[chain]?.last else { return nil }
        return ChainHead(entry: last, isForked: forkedChains.contains(chain))
    }

    /// Signs and appends `author`'s next post in `community`, whose content is `text`'s bytes.
    @discardableResult
    public func post(
        _ text: String, by author: SigningKey, in community: CommunityID, timestamp: UInt64 = 0
    ) throws -> Entry {
        try post(Array(text.utf8), by: author, in: community, timestamp: timestamp)
    }

    /// Signs and appends `author`'s next entry in `community` with these content bytes.
    @discardableResult
    public func post(
        _ content: [UInt8], by author: SigningKey, in community: CommunityID, timestamp: UInt64
    ) throws -> Entry {
        let chain = ChainKey(author: author.publicKey, community: community)
        let head = head(of: chain)
        let entry = try Entry.sign(
            community: community, sequence: (head?.sequence ?? 0) + 1, previous: head?.id ?? .zero,
            timestamp: timestamp, contentType: .post, content: content, with: author)
        signatures.remember(entry)
        store(entry, asFork: false)
        return entry
    }

    /// Checks and stores an entry a peer sent, as a node's store does: the outcome says what
    /// happened.
    public func ingest(_ entry: Entry) -> IngestOutcome {
        guard signatures.isValid(entry) else { return .invalid(.badSignature) }
        let decision = ChainRules.classify(
            entry, head: head(of: entry.chain), alreadyHeld: ids.contains(entry.id))
        switch decision {
        case .append: store(entry, asFork: false)
        case .fork: store(entry, asFork: true)
        case .duplicate, .gap, .forkIgnored: break
        }
        return .valid(entry.chain, decision)
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

    /// Every chain of `community` with its head, in the order the chains started.
    public func clock(of community: CommunityID) -> [ClockItem] {
        (authors[community] ?? []).map { author in
            ClockItem(
                author: author,
                sequence: UInt64(chains[ChainKey(author: author, community: community)]?.count ?? 0)
            )
        }
    }

    /// Up to `limit` entries of `chain` from `sequence` on.
    public func entries(of chain: ChainKey, from sequence: UInt64, limit: Int) -> [Entry] {
        guard let held = chains[chain], sequence >= 1, limit > 0, sequence <= UInt64(held.count)
        else { return [] }
        let start = Int(sequence - 1)
        return Array(held[start..<min(held.count, start + limit)])
    }
}

/// The signature checks of a whole simulation: each entry is verified once (entries the simulation
/// signed itself need no check), whatever the number of nodes that receive it.
public final class SignatureCache {
    private var valid: Set<EntryID> = []
    private var invalid: Set<EntryID> = []

    /// An empty cache.
    public init() {}

    /// Records an entry the simulation signed.
    func remember(_ entry: Entry) { valid.insert(entry.id) }

    /// Whether `entry`'s signature verifies.
    func isValid(_ entry: Entry) -> Bool {
        if valid.contains(entry.id) { return true }
        if invalid.contains(entry.id) { return false }
        let ok = entry.hasValidSignature
        if ok { valid.insert(entry.id) } else { invalid.insert(entry.id) }
        return ok
    }
}
