import KithCore

/// What a `people` request asks for (Protocol/control.md): which people of a community, and which
/// page of them in key order.
public struct PeopleQuery: Sendable, Equatable {
    /// The people a request selects before paging.
    public enum Selection: Sendable, Equatable {
        /// Every author whose chain the log holds, and the node itself.
        case everyone
        /// Only this author (and only if the log holds its chain, or it is the node itself).
        case author(PublicKey)
        /// The node itself and the peers it has an established session with in the community.
        case online
        /// The authors of the community's entries whose claimed time is at least this (ms since
        /// the Unix epoch), among the latest entries of the log.
        case activeSince(UInt64)
    }

    /// The number of people a page holds when the request gives no `limit`.
    public static let defaultLimit = 100
    /// The limits a request may ask for.
    public static let limits = 1...1000

    /// Which people.
    public var selection: Selection
    /// The most people in the answer.
    public var limit: Int
    /// The page starts after this key (from the first when nil).
    public var after: PublicKey?

    /// A query with every field given.
    public init(selection: Selection, limit: Int = defaultLimit, after: PublicKey? = nil) {
        self.selection = selection
        self.limit = limit
        self.after = after
    }

    /// The query `request` carries, checked; its community is read separately.
    init(_ request: ControlRequestFields) throws(ControlRequestError) {
        let limit = request.limit ?? Self.defaultLimit
        guard Self.limits.contains(limit) else {
            throw .invalidField(
                "limit",
                "\(limit) is not from \(Self.limits.lowerBound) to \(Self.limits.upperBound)")
        }
        self.limit = limit
        after = try request.after.map { text throws(ControlRequestError) in
            try Self.key(text, field: "after")
        }
        let filters = [request.author != nil, request.online == true, request.activeSince != nil]
        guard filters.count(where: { $0 }) <= 1 else {
            throw .invalidField("author", "at most one of author, online and active_since")
        }
        if let author = request.author {
            selection = .author(try Self.key(author, field: "author"))
        } else if request.online == true {
            selection = .online
        } else if let since = request.activeSince {
            selection = .activeSince(since)
        } else {
            selection = .everyone
        }
    }

    /// The page of `keys` (any order, no key twice) this query asks for, in key order, and how
    /// many keys come after the page.
    public func page(of keys: some Sequence<PublicKey>) -> (keys: [PublicKey], more: Int) {
        let following = keys.filter { key in after.map { key > $0 } ?? true }.sorted()
        let page = Array(following.prefix(limit))
        return (page, following.count - page.count)
    }

    private static func key(_ text: String, field: String) throws(ControlRequestError) -> PublicKey
    {
        do {
            return try PublicKey(hex: text)
        } catch {
            throw .invalidField(field, "not a public key of 64 hex digits")
        }
    }
}
