/// Secret bytes (a key, an ephemeral secret, a shared secret) in memory that this object owns and
/// wipes when it is released.
///
/// Sendable because the buffer is written only while the object is being built and only read
/// afterwards.
package final class SecretBytes: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>

    /// The number of secret bytes.
    package let count: Int

    /// Secret bytes that `fill` writes into a zeroed buffer of `count` bytes (at least one byte is
    /// allocated, so the pointer is never null).
    package init(count: Int, fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
        self.count = count
        fill(base)
    }

    /// A copy of `bytes`, after which `bytes` is wiped. The bytes are copied straight from
    /// `bytes`' own buffer: no second array holds them, so the wipe reaches the only copy.
    package convenience init(takingAndWiping bytes: inout [UInt8]) {
        let count = bytes.count
        self.init(count: count) { target in
            bytes.withUnsafeBufferPointer { source in
                guard let sourceBase = source.baseAddress else { return }
                target.update(from: sourceBase, count: count)
            }
        }
        SecureMemory.wipe(&bytes)
    }

    deinit {
        SecureMemory.wipe(UnsafeMutableRawBufferPointer(start: base, count: max(count, 1)))
        base.deallocate()
    }

    /// Calls `body` with the secret bytes; the pointer is valid only during the call.
    package func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R)
        throws(E)
        -> R
    {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Calls `body` with a pointer to the first secret byte, for C calls; valid only during the call.
    package func withBytePointer<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
        body(base)
    }

    /// A copy of the secret bytes, for derivations and test vectors.
    package var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Appends the secret bytes to `array`.
    package func append(to array: inout [UInt8]) {
        withUnsafeBytes { array.append(contentsOf: $0) }
    }
}
