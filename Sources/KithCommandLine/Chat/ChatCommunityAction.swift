/// What `/community` does.
public enum ChatCommunityAction: Hashable, Sendable {
    /// `/community list`: list the communities this node is in.
    case list
    /// `/community switch NAME`: make the named community the current one.
    case switchTo(community: String)
    /// `/community invite [NAME]`: print the invite code of the named community, or of the
    /// current one when nil.
    case invite(community: String?)
    /// `/community create NAME`: create a community with a new key; the node joins it at once.
    case create(name: String)
    /// `/community join CODE`: join a community from its invite code; the node joins it at once.
    case join(code: String)
    /// `/community leave NAME`: leave a community; the node stops replicating it at once.
    case leave(community: String)
}
