import KithCore

/// Which people of a community a chat asks its node for: never all of them, since a community
/// may hold a million authors (Protocol/control.md, `people`).
public enum ChatPeopleQuery: Sendable, Equatable {
    /// The first page in key order (``firstPageSize`` people): names to start with; others are
    /// learnt as their entries arrive.
    case first
    /// The node itself and the peers it has a session with now.
    case online
    /// The authors whose latest entries claim to be from the last ``ChatPerson/recentWindow``.
    case recentlyActive
    /// One person.
    case person(PublicKey)

    /// How many people ``first`` asks for.
    public static let firstPageSize = 1_000
    /// How many people ``online`` and ``recentlyActive`` list at most.
    public static let listedPageSize = 100
}
