/// What ``BeaconReplayGuard`` decided about a beacon.
public enum BeaconVerdict: Sendable, Equatable {
    /// The beacon is fresh. `firstOfRun` is true when the guard had no entry for the sender's
    /// `(nodeKey, bootID)`: a node (or a run of it) the receiver did not know.
    case accepted(firstOfRun: Bool)
    /// The beacon must be dropped.
    case rejected(BeaconRejection)
}

/// Why ``BeaconReplayGuard`` rejected a beacon.
public enum BeaconRejection: Sendable, Equatable, CustomStringConvertible {
    /// The beacon carries the receiver's own node key.
    case ownBeacon
    /// A beacon of this run with this counter or a higher one was already accepted.
    case replayed(highestAccepted: UInt64)
    /// A run not seen before, whose claimed time is more than the window away from the receiver's
    /// clock: a stale recording, or a clock that is far off.
    case clockSkew(claimed: UInt64, now: UInt64)

    /// A sentence that says why the beacon was dropped.
    public var description: String {
        switch self {
        case .ownBeacon:
            "beacon is our own"
        case .replayed(let highestAccepted):
            "beacon replayed: counter not above \(highestAccepted)"
        case .clockSkew(let claimed, let now):
            "beacon time \(claimed) ms is too far from our clock \(now) ms"
        }
    }
}
