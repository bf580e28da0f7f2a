/// What `/community` does.
public enum ChatCommunityAction: Hashable, Sendable {
    /// `/community list`: list the communities this node is in.
    case list
    /// `/community switch NAME`: make the named community the current one.
    case switchTo(community: String)
    /// `/community invite [NAME]`: print the invite code of the named community, or of the
    /// current one when nil.
    case invite(community: String?)
}
