/// The public name of a community: `BLAKE2b-256(key: community key, "kith community id v1")`
/// (communities.md). Every entry carries the id of its community; the id reveals nothing about
/// the key.
public struct CommunityID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length of a community id in bytes.
    public static let byteCount = 32

    let storage: Bytes32

    init(storage: Bytes32) {
        self.storage = storage
    }

    /// An id from its 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(KeyError) {
        storage = try Bytes32.checked(bytes)
    }

    /// An id from 64 hex digits.
    public init(hex: String) throws(KeyError) {
        storage = try Bytes32.parsing(hex: hex)
    }

    /// The id's 32 bytes.
    public var bytes: [UInt8] { storage.bytes }

    /// The id as 64 lowercase hex digits.
    public var hex: String { storage.hex }

    /// The id as hex.
    public var description: String { hex }

    /// Orders ids by their bytes.
    public static func < (lhs: CommunityID, rhs: CommunityID) -> Bool {
        lhs.storage < rhs.storage
    }
}
