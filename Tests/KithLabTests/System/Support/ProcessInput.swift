import Glibc

/// The writing end of a lab process's standard input: one end of a Unix stream socket pair whose
/// other end is the child's descriptor 0. Writes use `MSG_NOSIGNAL`, so a child that died cannot
/// kill the test process with SIGPIPE; they fail with `LabError.systemCall` instead.
final class ProcessInput: Sendable {
    private let descriptor: LockedValue<Int32?>

    /// Wraps `descriptor`, which this object now owns and closes.
    init(descriptor: Int32) {
        self.descriptor = LockedValue(descriptor)
    }

    deinit {
        close()
    }

    /// Writes `line` and a line feed.
    func writeLine(_ line: String) throws(LabError) {
        try write(Array((line + "\n").utf8))
    }

    /// Writes every byte of `bytes`, retrying partial writes and `EINTR`.
    /// The corresponding C function is `send`.
    func write(_ bytes: [UInt8]) throws(LabError) {
        try descriptor.withLock { descriptor throws(LabError) in
            guard let descriptor else {
                throw .systemCall(name: "send (input closed)", errno: EBADF)
            }
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in
                    send(
                        descriptor, buffer.baseAddress! + written, buffer.count - written,
                        Int32(MSG_NOSIGNAL))
                }
                if result >= 0 {
                    written += result
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                throw .systemCall(name: "send", errno: code)
            }
        }
    }

    /// Closes the input: the child reads end of file. Safe to call more than once.
    /// The corresponding C function is `close`.
    func close() {
        descriptor.withLock { descriptor in
            if let open = descriptor { _ = Glibc.close(open) }
            descriptor = nil
        }
    }
}
