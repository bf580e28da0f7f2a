import KithCore
import KithMesh

extension NodeRuntime {
    /// `reach`: how many peers in session hold this node's own chain in a community through a
    /// sequence number (Protocol/control.md), so that a script posting through `kith chat` can
    /// tell whether its posts left this machine.
    func answerReach(_ request: ControlRequest) -> ControlResponse {
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
        } catch {
            return ControlResponse(error: "\(error)")
        }
        guard let sequence = request.sequence, sequence > 0 else {
            return ControlResponse(error: "reach needs a sequence of 1 or more")
        }
        let chain = ChainKey(author: localKey, community: community)
        return ControlResponse(
            holders: engine.holders(of: chain, through: sequence),
            reached: engine.reached(community, through: sequence))
    }
}
