import KithControl
import KithCore
import KithStorage

extension ControlService {
    /// `communities_reload`: reads the community book and has the node follow it; answers with
    /// the communities the node is in now, and those joined and left (Protocol/control.md;
    /// communities.md, "Changes while a node runs").
    func answerCommunitiesReload() -> ControlResponse {
        guard let path = communityBookPath else {
            return .failed("this node keeps no community book")
        }
        let memberships: [CommunityMembership]
        do {
            memberships = try CommunityBook(path: path).load()
        } catch {
            return .failed("cannot read the community book: \(error)")
        }
        let change = host.follow(memberships)
        return .reloaded(
            communities: host.communityIDs.map(\.hex), joined: change.joined.map(\.id.hex),
            left: change.left.map(\.hex))
    }
}
