import Foundation

/// A value shared between threads, guarded by a lock. Used instead of `Mutex` so the test target
/// keeps building for the package's oldest macOS.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Wraps `initialValue`.
    init(_ initialValue: Value) {
        value = initialValue
    }

    /// Runs `body` with exclusive access to the value and returns its result.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result)
        throws(Failure) -> Result
    {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
