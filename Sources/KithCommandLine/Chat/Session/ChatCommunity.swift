import KithCore

/// A community the chat can switch to: its local name, id and invite code.
public struct ChatCommunity: Sendable, Equatable {
    /// The name in the home's community list.
    public let name: String
    /// The community id.
    public let id: CommunityID
    /// The invite code that lets someone else join.
    public let inviteCode: String

    /// A community with every field given.
    public init(name: String, id: CommunityID, inviteCode: String) {
        self.name = name
        self.id = id
        self.inviteCode = inviteCode
    }
}
