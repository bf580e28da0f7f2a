import KithCore
import KithSystem

/// A beacon dropped because its sender's clock is too far from this machine's (discovery.md,
/// "Replay guard"): nodes whose clocks differ by more than 5 minutes do not find each other.
public struct ClockSkewReport: Sendable, Equatable {
    /// The sender's node key (the beacon was authenticated with a community key).
    public let nodeKey: PublicKey
    /// Where the beacon came from.
    public let address: SocketAddress
    /// The sender's clock minus this machine's, in milliseconds: positive when it is ahead.
    public let offsetMilliseconds: Int64

    /// `offsetMilliseconds` as people say it: "10 min 2 s ahead of", "42 s behind".
    public var offsetDescription: String {
        let magnitude = offsetMilliseconds.magnitude / 1_000
        let (hours, minutes, seconds) = (magnitude / 3_600, magnitude / 60 % 60, magnitude % 60)
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours) h") }
        if minutes > 0 { parts.append("\(minutes) min") }
        if seconds > 0 || parts.isEmpty { parts.append("\(seconds) s") }
        return parts.joined(separator: " ") + (offsetMilliseconds >= 0 ? " ahead of" : " behind")
    }

    /// The warning a node logs: who, how far, and what to do.
    public var warning: String {
        "the clock of node \(nodeKey.fingerprint.short) at \(address) is \(offsetDescription) "
            + "this machine's: nodes whose clocks differ by more than 5 minutes do not connect. "
            + "Set the right time on both (NTP, timedatectl, or date -s)"
    }
}
