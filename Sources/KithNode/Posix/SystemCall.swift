#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Runs a system call that returns -1 and sets `errno` on failure, retrying while it fails with
/// `EINTR`, and turns any other failure into a ``PosixError`` naming `call`.
@inline(__always)
func systemCall<Result: FixedWidthInteger>(
    _ call: String, retryOnInterrupt: Bool = true, _ body: () -> Result
) throws(PosixError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = PosixError.current(call)
        if retryOnInterrupt && error.code == EINTR { continue }
        throw error
    }
}

/// Like ``systemCall(_:retryOnInterrupt:_:)``, but returns nil when the call would block
/// (`EAGAIN` / `EWOULDBLOCK`): what a nonblocking socket says when it has nothing to give.
@inline(__always)
func nonblockingCall<Result: FixedWidthInteger>(_ call: String, _ body: () -> Result)
    throws(PosixError) -> Result?
{
    do {
        return try systemCall(call, body)
    } catch {
        if error.wouldBlock { return nil }
        throw error
    }
}
