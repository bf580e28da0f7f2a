import KithCore
import KithStorage

extension NodeRuntime {
    /// The display name this node's user set: the one in the default community, else the one in
    /// the first of the node's communities that has one.
    func ownDisplayName() -> DisplayName? {
        let order = [DefaultCommunity.id] + communities.map(\.id)
        for community in order {
            if let name = store.displayName(of: ChainKey(author: localKey, community: community)) {
                return name
            }
        }
        return nil
    }

    /// A name follows its user into communities (communities.md, "A name in every community"):
    /// in each community of the node where the user has set no name yet, signs an `about` with
    /// the name set elsewhere. Runs once the node is running and after joining communities.
    func carryOwnName() {
        guard state == .running, let name = ownDisplayName() else { return }
        let about = About(name: name)
        for community in communities.map(\.id)
        where store.displayName(of: ChainKey(author: localKey, community: community)) == nil {
            if case .failure(let error) = publish(
                contentType: .about, content: about.encoded(), in: community)
            {
                emit(.warning("could not set your name in a community: \(error)"))
                return
            }
        }
    }
}
