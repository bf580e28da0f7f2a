import KithCore

/// A person the chat has seen: their key, their current display name if they set one, and when
/// they were first seen relative to everyone else (smaller is earlier).
public struct KnownPerson: Hashable, Sendable {
    /// Who the person is.
    public let key: PublicKey
    /// The name they chose, if any. Names are not unique and identify no one.
    public let displayName: String?
    /// The order in which people were first seen: smaller means earlier.
    public let firstSeenOrder: Int

    /// A known person.
    public init(key: PublicKey, displayName: String?, firstSeenOrder: Int) {
        self.key = key
        self.displayName = displayName
        self.firstSeenOrder = firstSeenOrder
    }

    /// The fingerprint people compare.
    public var fingerprint: Fingerprint { key.fingerprint }
}
