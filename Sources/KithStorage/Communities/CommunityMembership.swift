import KithCore

/// A community this node is in: the name people call it and the key that admits members.
public struct CommunityMembership: Sendable, Hashable {
    /// What people call the community (a label, not an identifier; 1 to 32 bytes of UTF-8).
    public let name: String
    /// The community's secret key.
    public let key: CommunityKey

    /// The community's public id.
    public var id: CommunityID { key.id }

    /// The well-known default community, `lobby`.
    public static var lobby: CommunityMembership {
        CommunityMembership(name: DefaultCommunity.name, key: DefaultCommunity.key)
    }

    /// A membership, after checking the name's rules (Protocol/invites.md).
    public init(name: String, key: CommunityKey) {
        self.name = name
        self.key = key
    }

    /// Whether `name` is a valid community name: 1 to 32 bytes of UTF-8, no control characters.
    public static func isValidName(_ name: String) -> Bool {
        let count = name.utf8.count
        return count >= 1 && count <= 32
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }
}
