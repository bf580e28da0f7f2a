/// One fuzz target: a decoder of outside bytes driven by arbitrary input.
///
/// `run` must accept any bytes. It returns normally when the decoder behaved (decoded the input,
/// or rejected it with an error), and stops the process (``fuzzCheck(_:_:)``) when it finds the
/// decoder inconsistent: a value that does not encode back to its input, or two readings of the
/// same bytes that disagree.
public struct FuzzTarget: Sendable {
    /// The name used on the command line and as the corpus directory's name.
    public let name: String
    /// What the target exercises, one line.
    public let summary: String
    /// Runs one input through the target.
    public let run: @Sendable (UnsafeRawBufferPointer) -> Void

    /// A target called `name` that runs inputs through `run`.
    public init(
        name: String, summary: String, run: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
    ) {
        self.name = name
        self.summary = summary
        self.run = run
    }

    /// Runs `bytes` through the target.
    public func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }
}

/// Stops the process when `condition` is false: the decoder disagrees with itself or its
/// encoder. A trap is what libFuzzer records as a finding.
func fuzzCheck(
    _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition { fatalError("fuzz check failed: \(message())", file: file, line: line) }
}
