import Glibc

/// Runs a system call that returns `-1` and sets `errno` on failure, retrying while it fails with
/// `EINTR`, and turns any other failure into a thrown ``Errno``.
@inline(__always)
func valueOrErrno<Result: FixedWidthInteger>(
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
