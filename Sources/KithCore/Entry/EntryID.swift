/// The id of an entry: `BLAKE2b-256` of all its bytes, signature included (entries.md).
public struct EntryID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length of an entry id in bytes.
    public static let byteCount = 32

    /// Thirty-two zero bytes: the `previous` of a chain's first entry.
    public static let zero = EntryID(storage: .zero)

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

    /// The id of the entry whose complete bytes are `entryBytes`.
    /// The corresponding C function is `crypto_generichash`.
    public init(hashing entryBytes: some Collection<UInt8>) {
        storage = withContiguousBytes(of: entryBytes) { Blake2b.digest256($0) }
    }

    /// The id's 32 bytes.
    public var bytes: [UInt8] { storage.bytes }

    /// The id as 64 lowercase hex digits.
    public var hex: String { storage.hex }

    /// Whether this is the all-zero id.
    public var isZero: Bool { storage.isZero }

    /// The id as hex.
    public var description: String { hex }

    /// Orders ids by their bytes.
    public static func < (lhs: EntryID, rhs: EntryID) -> Bool {
        lhs.storage < rhs.storage
    }
}
