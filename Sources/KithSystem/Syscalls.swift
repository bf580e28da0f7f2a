/// Runs a system call that returns `-1` and sets `errno` on failure, retrying while it fails with
/// `EINTR`, and turns any other failure into a thrown ``Errno``.
///
/// Pass `retryOnInterrupt: false` for `close`, which must never be retried on Linux.
@inline(__always)
package func valueOrErrno<Result: FixedWidthInteger>(
    retryOnInterrupt: Bool = true,
    _ call: () -> Result
) throws(Errno) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Errno.current
        if retryOnInterrupt && error == .interrupted { continue }
        throw error
    }
}

/// ``valueOrErrno(retryOnInterrupt:_:)`` for a caller whose messages name the call: a failure is
/// thrown as a ``SystemCallError`` naming `call`.
@inline(__always)
package func systemCall<Result: FixedWidthInteger>(
    _ call: String, retryOnInterrupt: Bool = true, _ body: () -> Result
) throws(SystemCallError) -> Result {
    do {
        return try valueOrErrno(retryOnInterrupt: retryOnInterrupt, body)
    } catch {
        throw SystemCallError(call, code: error)
    }
}

/// Like ``systemCall(_:retryOnInterrupt:_:)``, but returns nil when the call would block
/// (`EAGAIN` / `EWOULDBLOCK`): what a nonblocking descriptor says when it has nothing to give.
@inline(__always)
package func nonblockingCall<Result: FixedWidthInteger>(_ call: String, _ body: () -> Result)
    throws(SystemCallError) -> Result?
{
    do {
        return try systemCall(call, body)
    } catch {
        if error.wouldBlock { return nil }
        throw error
    }
}
