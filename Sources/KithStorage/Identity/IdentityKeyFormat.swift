/// The byte layout of the secret key file (Protocol/identity.md): the magic `"KITHKEY1"`
/// followed by the 32-byte Ed25519 seed, 40 bytes in all. Pure.
public enum IdentityKeyFormat {
    /// The first 8 bytes of every key file: `"KITHKEY1"`.
    public static let magic: [UInt8] = Array("KITHKEY1".utf8)
    /// The length of the seed that follows the magic.
    public static let seedByteCount = 32
    /// The exact length of a key file.
    public static let fileByteCount = 40

    /// Whether `bytes` (a whole file) starts with the magic.
    public static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && bytes.prefix(magic.count).elementsEqual(magic)
    }

    /// The seed part of a whole 40-byte file, without copying.
    static func seed(in file: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file[magic.count..<fileByteCount])
    }

    /// Writes the magic and `seed` into `file`, which must hold ``fileByteCount`` bytes.
    static func encode(seed: UnsafeRawBufferPointer, into file: UnsafeMutableRawBufferPointer) {
        precondition(seed.count == seedByteCount && file.count == fileByteCount)
        file.copyBytes(from: magic)
        UnsafeMutableRawBufferPointer(rebasing: file[magic.count...]).copyMemory(from: seed)
    }
}
