/// The 32-byte secret that defines a community: whoever holds it is a member (communities.md).
///
/// Printing a key shows only its id, so a key does not leak into logs by accident.
public struct CommunityKey: Sendable, Hashable, CustomStringConvertible {
    /// The length of a community key in bytes.
    public static let byteCount = 32

    /// The message hashed under the key to derive the community id.
    public static let idDerivationMessage = "kith community id v1"

    let storage: Bytes32

    /// The community's public id, derived from the key.
    public let id: CommunityID

    init(storage: Bytes32) {
        self.storage = storage
        let message = Array(Self.idDerivationMessage.utf8)
        id = CommunityID(
            storage: storage.withUnsafeBytes { key in
                message.withUnsafeBytes { Blake2b.digest256($0, key: key) }
            })
    }

    /// A key from its 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(KeyError) {
        self.init(storage: try Bytes32.checked(bytes))
    }

    /// A key from 64 hex digits.
    public init(hex: String) throws(KeyError) {
        self.init(storage: try Bytes32.parsing(hex: hex))
    }

    /// A new random key, for a new community.
    /// The corresponding C function is `randombytes_buf`.
    public static func generate() -> CommunityKey {
        CommunityKey(storage: Bytes32.filling { SecureRandom.fill($0, count: Bytes32.byteCount) })
    }

    /// The key's 32 secret bytes.
    public var bytes: [UInt8] { storage.bytes }

    /// The key's 32 secret bytes as 64 lowercase hex digits.
    public var hex: String { storage.hex }

    /// Names the community by its id; never shows the key.
    public var description: String { "CommunityKey(id: \(id.hex))" }

    /// Keys are equal when their bytes are.
    public static func == (lhs: CommunityKey, rhs: CommunityKey) -> Bool {
        lhs.storage == rhs.storage
    }

    /// Hashes the key's bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }
}
