/// An Ed25519 signature (RFC 8032): 64 bytes.
public struct Signature: Hashable, Sendable, CustomStringConvertible {
    /// The length of a signature in bytes.
    public static let byteCount = 64

    let storage: Bytes64

    init(storage: Bytes64) {
        self.storage = storage
    }

    /// A signature from its 64 bytes.
    public init(bytes: some Collection<UInt8>) throws(KeyError) {
        guard let storage = Bytes64(bytes) else {
            throw .wrongLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.storage = storage
    }

    /// A signature from 128 hex digits.
    public init(hex: String) throws(KeyError) {
        guard let bytes = Hex.decode(hex) else { throw .invalidHex }
        try self.init(bytes: bytes)
    }

    /// The signature's 64 bytes.
    public var bytes: [UInt8] { storage.bytes }

    /// The signature as 128 lowercase hex digits.
    public var hex: String { storage.hex }

    /// The signature as hex.
    public var description: String { hex }
}
