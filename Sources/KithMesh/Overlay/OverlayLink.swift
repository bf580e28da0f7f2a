/// A network link a peer was heard on (overlay.md, "Candidates"): the index of the interface its
/// beacon arrived on, multicast or unicast (``OverlayLink/unknown`` when the system did not say).
public struct OverlayLink: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The interface index; 0 when unknown.
    public var rawValue: UInt32

    /// The link of interface `rawValue`.
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// A beacon whose interface the system did not say.
    public static let unknown = OverlayLink(0)

    /// Orders links by interface index.
    public static func < (lhs: OverlayLink, rhs: OverlayLink) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `link#N`, or `unknown link`.
    public var description: String { rawValue == 0 ? "unknown link" : "link#\(rawValue)" }
}
