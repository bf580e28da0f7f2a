import KithCommandLine
import KithControl
import KithCore

/// Why a chat asks its node something: what it does with the answer, which comes later on the
/// chat's one request connection (``ControlRequestConnection``).
enum ChatNodeQuestion: Sendable {
    /// A request of the session's, answered to it with its purpose.
    case chat(ChatRequest, ChatPurpose)
    /// Whether the node dropped peers' beacons because their clocks disagree with this
    /// machine's (`status`).
    case clockSkew
    /// Whether a peer holds the node's own entries in `community` through `sequence` (`reach`).
    case reach(CommunityID, sequence: UInt64)
    /// Whether the node still runs, after its stream ended or it left a request unread
    /// (`status`).
    case liveness
}

/// A request on its way to the node, and why it was asked.
struct ChatNodeAsked: Sendable {
    /// What the node is asked.
    let request: ControlRequest
    /// Why.
    let question: ChatNodeQuestion
}
