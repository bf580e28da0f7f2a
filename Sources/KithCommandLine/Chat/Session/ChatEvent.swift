import KithControl

/// Something that happened to a chat: what ``ChatSession/handle(_:)`` consumes.
public enum ChatEvent: Sendable, Equatable {
    /// The chat started: load what it shows first.
    case started
    /// The person entered a line (without its line ending).
    case typed(String)
    /// Entries the node appended, in the order it appended them, as one batch (what arrived
    /// together). A batch of catch-up is shown sorted by time, under one heading.
    case arrived([ControlEntry])
    /// The answer to a request made for `purpose`.
    case replied(ChatPurpose, ChatReply)
    /// The community book changed outside the chat (`kith community create|join|leave` in
    /// another terminal): the communities the node is in now, in the book's order.
    case communitiesChanged([ChatCommunity])
    /// The time asked for by ``ChatAction/collectLateArrivals(milliseconds:)`` passed: show the
    /// late entries collected meanwhile.
    case lateArrivalsCollected
}

/// What the edge must do for a chat, in order.
public enum ChatAction: Sendable, Equatable {
    /// Show a line above the input.
    case show(ChatOutput)
    /// Ask the node, then feed the answer back as ``ChatEvent/replied(_:_:)``.
    case perform(ChatRequest, ChatPurpose)
    /// Change the prompt of the input line.
    case setPrompt(String)
    /// End the chat.
    case quit
    /// Show what the node reported lately (peers found, sessions, catch-up): the edge keeps
    /// those out of the conversation until asked (`/status`).
    case showNodeEvents
    /// Send ``ChatEvent/lateArrivalsCollected`` after `milliseconds`: entries that arrive late
    /// one at a time (catch-up through a relay) are gathered under one heading.
    case collectLateArrivals(milliseconds: UInt64)
    /// Ring the terminal's bell: someone mentioned the person or wrote to them privately.
    case bell
}

/// One line the chat shows.
public enum ChatOutput: Sendable, Equatable {
    /// An entry, and the line that shows it (styled when colour is on).
    case entry(ControlEntry, line: String)
    /// Information: command output, joins, name changes (`-- ...`).
    case notice(String)
    /// Something went wrong or was refused (`!! ...`).
    case error(String)
    /// One item of a list (`/who`, `/channels`): shown as `line` (like a notice); a script
    /// reading JSON gets `record`, with a `kind` and every field.
    case listed(line: String, record: JSONObject)

    /// The text as a terminal shows it.
    public var text: String {
        switch self {
        case .entry(_, let line): line
        case .notice(let text), .error(let text), .listed(let text, _): text
        }
    }
}
