import CSodium

/// Wiping secrets from memory in a way the compiler cannot optimize away.
public enum SecureMemory {
    /// Overwrites every byte of `buffer` with zero.
    /// The corresponding C function is `sodium_memzero`.
    public static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        Sodium.ensureInitialized()
        sodium_memzero(base, buffer.count)
    }

    /// Overwrites every byte of `bytes` with zero, keeping its length.
    /// The corresponding C function is `sodium_memzero`.
    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { wipe($0) }
    }
}
