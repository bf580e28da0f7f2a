/// Every fuzz target, by name.
public enum FuzzTargets {
    /// All targets, in the order `tools/fuzz` runs them.
    public static let all: [FuzzTarget] = [
        EntryTarget.target,
        ContentTarget.target,
        LogSegmentTarget.target,
        ReplicationMessageTarget.target,
        FrameStreamTarget.target,
        HandshakeTarget.target,
        BeaconTarget.target,
        EntryDatagramTarget.target,
        InviteCodeTarget.target,
        ControlRequestTarget.target,
        ControlLinesTarget.target,
        BlockListTarget.target,
        SignedSequencesTarget.target,
    ]

    /// The target called `name`, if there is one.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
