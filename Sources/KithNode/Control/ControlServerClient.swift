import KithSystem

/// One client of the control server: its socket, what it sent and was not answered yet, the
/// answers not yet written, and whether it follows the node's entries (`tail`). Lives on the
/// loop thread, owned by ``ControlServer``.
final class ControlServerClient {
    let socket: Socket
    var input: [UInt8] = []
    var output = OutputBuffer()
    var inputEnded = false
    var timer: TimerID?
    /// When the client last connected or sent a request, as a count of such events: two in
    /// the same millisecond are still ordered.
    var lastActive: UInt64 = 0
    /// What the client follows, once it asked for `tail`.
    var tail: TailFilter?
    /// Whether the node works on an answer over several turns; later requests wait for it.
    var awaitingAnswer = false
    /// Whether a later turn is set to answer the requests already read.
    var moreAnswersScheduled = false

    init(socket: Socket) {
        self.socket = socket
    }

    /// Whether a complete request line waits to be answered.
    var hasWaitingRequest: Bool { tail == nil && input.contains(0x0a) }

    /// Whether the node is busy with this client's requests: it reads no more until done.
    var isBusy: Bool { awaitingAnswer || hasWaitingRequest }
}
