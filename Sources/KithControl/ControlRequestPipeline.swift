/// Requests to a node pipelined on one control connection (Protocol/control.md: a client may send
/// several requests on one connection, and the node answers them in order). Each request's line
/// is queued for the socket at once; each answer read is matched to the oldest request still
/// unanswered. Pure: the caller writes ``unsentBytes`` when the socket takes them and hands over
/// what it reads, in any pieces. `Tag` is whatever the caller needs to know of a request when its
/// answer comes.
public struct ControlRequestPipeline<Tag: Sendable>: Sendable {
    private var unanswered: [Tag] = []
    /// Where the oldest unanswered tag is in `unanswered`.
    private var firstUnanswered = 0
    private var output: [UInt8] = []
    /// How many bytes at the start of `output` the socket took already.
    private var outputSent = 0
    private var splitter: ControlLineSplitter
    private var answers: [(tag: Tag, response: ControlResponse)] = []

    /// A pipeline with nothing asked yet; `maximumLineByteCount` bounds an answer line.
    public init(maximumLineByteCount: Int = ControlCoding.maximumResponseByteCount) {
        splitter = ControlLineSplitter(maximumLineByteCount: maximumLineByteCount)
    }

    /// How many requests wait for their answer (answers read but not taken do not count).
    public var unansweredCount: Int { unanswered.count - firstUnanswered }

    /// Whether nothing is asked, unsent or unread: the connection is idle.
    public var isIdle: Bool { unansweredCount == 0 && unsentBytes.isEmpty && answers.isEmpty }

    /// The request bytes the socket has not taken yet, oldest first.
    public var unsentBytes: ArraySlice<UInt8> { output[outputSent...] }

    /// Queues `request`, to be answered with `tag`.
    public mutating func enqueue(_ request: ControlRequest, tag: Tag) {
        if outputSent > 0, outputSent == output.count {
            output.removeAll(keepingCapacity: true)
            outputSent = 0
        }
        output += request.line
        unanswered.append(tag)
    }

    /// The socket took the first `byteCount` of ``unsentBytes``.
    public mutating func sent(_ byteCount: Int) {
        outputSent = min(output.count, outputSent + max(0, byteCount))
        if outputSent == output.count {
            output.removeAll(keepingCapacity: true)
            outputSent = 0
        }
    }

    /// Adds bytes read from the socket and matches every whole answer among them to its request.
    /// The answers matched before a bad line stay to be taken.
    /// - Throws: ``ControlStreamError/lineTooLong(limit:)``,
    ///   ``ControlStreamError/malformedLine(byteCount:)`` for a line that is not a control
    ///   response, ``ControlStreamError/unexpectedAnswer`` for an answer to no request: the
    ///   connection is then of no further use (``takeUnanswered()`` says what it leaves).
    public mutating func receive(_ bytes: some Collection<UInt8>) throws(ControlStreamError) {
        splitter.append(bytes)
        while let line = try splitter.nextLine() {
            guard firstUnanswered < unanswered.count else { throw .unexpectedAnswer }
            guard let response = ControlResponse(line: line) else {
                throw .malformedLine(byteCount: line.count)
            }
            answers.append((unanswered[firstUnanswered], response))
            firstUnanswered += 1
            if firstUnanswered == unanswered.count {
                unanswered.removeAll(keepingCapacity: true)
                firstUnanswered = 0
            }
        }
    }

    /// The answers matched since the last call, in the order of the requests.
    public mutating func takeAnswers() -> [(tag: Tag, response: ControlResponse)] {
        defer { answers.removeAll() }
        return answers
    }

    /// Takes the requests still unanswered, oldest first, and what was unsent: for a connection
    /// that failed, whose requests are then answered with the failure or asked again elsewhere.
    public mutating func takeUnanswered() -> [Tag] {
        defer {
            unanswered.removeAll()
            firstUnanswered = 0
            output.removeAll()
            outputSent = 0
        }
        return Array(unanswered[firstUnanswered...])
    }
}
