/// A network link a peer was heard on (overlay.md, "Candidates"): the index of the interface a
/// multicast beacon arrived on, or ``OverlayLink/static`` for unicast beacons (static peers).
public struct OverlayLink: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The interface index; 0 for the static link.
    public var rawValue: UInt32

    /// The link of interface `rawValue`.
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Unicast beacons: static peers and their answers.
    public static let `static` = OverlayLink(0)

    /// Orders links by interface index.
    public static func < (lhs: OverlayLink, rhs: OverlayLink) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `link#N`, or `static`.
    public var description: String { rawValue == 0 ? "static" : "link#\(rawValue)" }
}
