import CSodium

/// Unpredictable bytes from the operating system's secure random source.
public enum SecureRandom {
    /// `count` random bytes. A negative count gives no bytes.
    /// The corresponding C function is `randombytes_buf`.
    public static func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        Sodium.ensureInitialized()
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { randombytes_buf(base, count) }
            initialized = count
        }
    }

    /// Fills `count` bytes at `pointer` with random bytes.
    /// The corresponding C function is `randombytes_buf`.
    static func fill(_ pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        Sodium.ensureInitialized()
        randombytes_buf(pointer, count)
    }
}
