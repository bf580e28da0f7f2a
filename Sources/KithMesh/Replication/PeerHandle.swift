/// The IO layer's name for one session with a peer. The replication engine keeps per-session
/// state under it and addresses its actions with it; handles are never reused while in use.
public struct PeerHandle: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number the IO layer chose.
    public var rawValue: UInt64

    /// The handle numbered `rawValue`.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Orders handles by number (the engine visits sessions in this order, so it is deterministic).
    public static func < (lhs: PeerHandle, rhs: PeerHandle) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `peer#N`.
    public var description: String { "peer#\(rawValue)" }
}
