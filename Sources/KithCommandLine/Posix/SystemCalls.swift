#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call: which call, on what, and the `errno` it set.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed: `mkdir`, `write`.
    public let operation: String
    /// The path or descriptor the call was about, for messages.
    public let subject: String
    /// The `errno` value.
    public let code: Int32

    /// "mkdir '/x': Permission denied".
    public var description: String {
        "\(operation) '\(subject)': \(String(cString: strerror(code)))"
    }
}

/// Thin typed wrappers over the libc calls KithCommandLine makes. Each retries `EINTR` and turns
/// `-1`/`errno` into a ``SystemCallError``.
enum SystemCalls {
    /// Runs `call` until it stops failing with `EINTR`; throws for any other failure.
    static func retryingInterrupts<Result: BinaryInteger>(
        _ operation: String,
        _ subject: String,
        _ call: () -> Result
    ) throws(SystemCallError) -> Result {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code != EINTR {
                throw SystemCallError(operation: operation, subject: subject, code: code)
            }
        }
    }

    /// Writes all of `bytes` to `descriptor`, looping over short writes.
    ///
    /// The corresponding C function is `write`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer)
        throws(SystemCallError)
    {
        var offset = 0
        while offset < bytes.count {
            let written = try retryingInterrupts("write", "fd \(descriptor)") {
                write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            offset += written
        }
    }

    /// Whether `descriptor` refers to a terminal.
    ///
    /// The corresponding C function is `isatty`.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Creates a directory with `mode`; returns false when something already exists at `path`.
    ///
    /// The corresponding C function is `mkdir`.
    static func makeDirectory(_ path: String, mode: mode_t) throws(SystemCallError) -> Bool {
        do {
            _ = try retryingInterrupts("mkdir", path) { mkdir(path, mode) }
            return true
        } catch  where error.code == EEXIST {
            return false
        }
    }

    /// The status of what `path` names, following symbolic links.
    ///
    /// The corresponding C function is `stat`.
    static func status(_ path: String) throws(SystemCallError) -> stat {
        var result = stat()
        _ = try retryingInterrupts("stat", path) { stat(path, &result) }
        return result
    }
}
