import KithCore
import KithStorage

/// What a change of the node's communities did (communities.md, "Changes while a node runs").
struct CommunityChange {
    /// The communities joined, in the book's order.
    var joined: [CommunityMembership]
    /// The ids of the communities left.
    var left: [CommunityID]
}
