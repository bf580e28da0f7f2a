import KithCore

/// The authors a node's user blocked (Protocol/blocklist.md), in ascending order of their hex keys,
/// each once, at most ``maximumCount``.
public struct BlockList: Hashable, Sendable {
    /// The most authors a block list holds.
    public static let maximumCount = 10_000

    /// The blocked authors, in ascending order of their hex keys.
    public private(set) var authors: [BlockedAuthor] = []

    /// An empty list.
    public init() {}

    /// The list of `authors`; an author given twice keeps its first comment.
    /// - Throws: ``BlockListError/tooManyAuthors(_:)`` past ``maximumCount`` authors.
    public init(_ authors: [BlockedAuthor]) throws(BlockListError) {
        var seen: Set<PublicKey> = []
        var unique: [BlockedAuthor] = []
        for author in authors where seen.insert(author.key).inserted {
            unique.append(author)
        }
        guard unique.count <= Self.maximumCount else { throw .tooManyAuthors(unique.count) }
        self.authors = unique.sorted { $0.key.hex < $1.key.hex }
    }

    /// The number of blocked authors.
    public var count: Int { authors.count }

    /// Whether no author is blocked.
    public var isEmpty: Bool { authors.isEmpty }

    /// The blocked keys.
    public var keys: Set<PublicKey> { Set(authors.map(\.key)) }

    /// Whether `key` is blocked.
    public func contains(_ key: PublicKey) -> Bool {
        authors.contains { $0.key == key }
    }

    /// Blocks `author`. Returns false, changing nothing, when its key is already blocked.
    /// - Throws: ``BlockListError/tooManyAuthors(_:)`` when the list is full.
    @discardableResult
    public mutating func insert(_ author: BlockedAuthor) throws(BlockListError) -> Bool {
        guard !contains(author.key) else { return false }
        guard authors.count < Self.maximumCount else { throw .tooManyAuthors(authors.count + 1) }
        let hex = author.key.hex
        let position = authors.firstIndex { $0.key.hex > hex } ?? authors.endIndex
        authors.insert(author, at: position)
        return true
    }

    /// Unblocks `key`. Returns false when it was not blocked.
    @discardableResult
    public mutating func remove(_ key: PublicKey) -> Bool {
        guard let index = authors.firstIndex(where: { $0.key == key }) else { return false }
        authors.remove(at: index)
        return true
    }
}
