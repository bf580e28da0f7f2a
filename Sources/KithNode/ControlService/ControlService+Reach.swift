import KithControl
import KithCore

extension ControlService {
    /// `reach`: how many peers in session hold this node's own chain in a community through a
    /// sequence number (Protocol/control.md), so that a script posting through `kith chat` can
    /// tell whether its posts left this machine.
    func answerReach(through sequence: UInt64, in requested: CommunityID?)
        throws(ControlRequestError) -> ControlResponse
    {
        let community = try controlCommunity(requested)
        let reach = host.reach(
            of: ChainKey(author: localKey, community: community), through: sequence)
        return .reach(holders: reach.holders, reached: reach.reached)
    }
}
