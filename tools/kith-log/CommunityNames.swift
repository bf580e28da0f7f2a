import KithCommandLine
import KithCore
import KithStorage

/// The names a home gives its communities (`<home>/communities`), for showing a community by name
/// where the home knows it and by a short id where it does not.
///
/// The default community is always known as `lobby`: its key is public (communities.md).
struct CommunityNames: Sendable {
    /// How many hex digits of an id a short id shows.
    static let shortIDDigits = 16

    /// The name of each known community, by id.
    private(set) var names: [CommunityID: String] = [DefaultCommunity.id: DefaultCommunity.name]

    /// Only the default community is known (a log read with `--log`, or a home without the file).
    init() {}

    /// The communities of `memberships`, and the default community.
    init(_ memberships: [CommunityMembership]) {
        for membership in memberships { names[membership.id] = membership.name }
    }

    /// Reads the community names of `home`, or only the default one when `home` is nil. A file
    /// that cannot be read is noted on standard error and communities are shown by id.
    static func load(home: String?, context: CommandContext) -> CommunityNames {
        guard let home else { return CommunityNames() }
        do {
            return CommunityNames(try CommunityBook(home: home).load())
        } catch {
            context.note("cannot read the community names (\(error)); communities are shown by id")
            return CommunityNames()
        }
    }

    /// The name the home gives `id`, if it knows the community.
    func name(of id: CommunityID) -> String? { names[id] }

    /// Whether some community is known by `name`.
    func knows(name: String) -> Bool { names.values.contains(name) }

    /// The community's name, else the first 16 hex digits of its id.
    func label(_ id: CommunityID) -> String {
        names[id] ?? String(id.hex.prefix(Self.shortIDDigits))
    }
}
