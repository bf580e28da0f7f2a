import CSodium

/// The libsodium library, initialized once per process.
public enum Sodium {
    /// The result of the one call to `sodium_init()`; Swift runs this initializer exactly once,
    /// thread-safely, on first use.
    private static let initializationResult: Int32 = sodium_init()

    /// Initializes libsodium if that has not happened yet. Idempotent and thread-safe; every
    /// cryptographic entry point of KithCore calls it, so callers never need to.
    ///
    /// libsodium fails to initialize only when the system cannot provide secure randomness; no
    /// key can be made safely then, so the process stops with a message.
    /// The corresponding C function is `sodium_init`.
    public static func ensureInitialized() {
        if initializationResult < 0 {
            fatalError("libsodium could not be initialized (sodium_init returned -1)")
        }
    }
}
