import KithControl
import KithCore
import KithMesh

extension NodeRuntime {
    /// `reach`: how many peers in session hold this node's own chain in a community through a
    /// sequence number (Protocol/control.md), so that a script posting through `kith chat` can
    /// tell whether its posts left this machine.
    func answerReach(through sequence: UInt64, in requested: CommunityID?) -> ControlResponse {
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(requested)
        } catch {
            return .refused(error)
        }
        let chain = ChainKey(author: localKey, community: community)
        return .reach(
            holders: engine.holders(of: chain, through: sequence),
            reached: engine.reached(community, through: sequence))
    }
}
