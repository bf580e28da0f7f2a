import KithSystem

/// Somewhere text goes: standard output, standard error, or a buffer in tests.
public protocol TextSink: Sendable {
    /// Writes `text` as UTF-8, exactly as given (add the newline yourself).
    func write(_ text: String)
}

/// Standard output or standard error, written with unbuffered `write` calls so the two streams
/// interleave in the order the program wrote them.
public struct StandardStream: TextSink {
    /// The file descriptor: 1 or 2.
    public let descriptor: Int32

    /// Standard output (descriptor 1).
    public static let output = StandardStream(descriptor: 1)
    /// Standard error (descriptor 2).
    public static let error = StandardStream(descriptor: 2)

    /// Writes `text`. A failed write (a closed pipe with SIGPIPE ignored, a full disk) is dropped:
    /// there is nowhere left to report it.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            try? FileDescriptor(rawValue: descriptor).writeAll(UnsafeRawBufferPointer(bytes))
        }
    }
}
