/// A request on the control socket (Protocol/control.md): one JSON object on one line.
public struct ControlRequest: Codable, Sendable, Equatable {
    /// What is asked: `status` or `peers`.
    public var op: String

    /// A request for `op`.
    public init(op: String) {
        self.op = op
    }
}

/// The answer to one request: one JSON object on one line.
public struct ControlResponse: Codable, Sendable, Equatable {
    /// Whether the request was understood and answered.
    public var ok: Bool
    /// Why not, when `ok` is false.
    public var error: String?
    /// The answer to `status`.
    public var status: NodeStatus?
    /// The answer to `peers`.
    public var peers: [PeerStatus]?

    /// A successful answer to `status`.
    public init(status: NodeStatus) {
        ok = true
        self.status = status
    }

    /// A successful answer to `peers`.
    public init(peers: [PeerStatus]) {
        ok = true
        self.peers = peers
    }

    /// A failed request.
    public init(error: String) {
        ok = false
        self.error = error
    }
}
