/// A position in a log that hands out what follows it one event at a time, and can wait for more:
/// the tool for following a log that a writer (in this or another process) is appending to.
///
/// ```swift
/// let cursor = try reader.cursor(from: .zero)
/// while true {
///     while let event = try cursor.next() {
///         if case .record(let record) = event { print(record.offset, record.payload.count) }
///     }
///     sleep(1)  // caught up: poll again later
/// }
/// ```
///
/// ``next()`` returns nil once it has caught up with the writer; calling it again later picks up
/// records appended (and flushed) since. A partial record at the end is not an event: it is the
/// writer's unfinished work, shown in ``partialTail`` until it completes. Get one with
/// ``LogReader/cursor(from:)``.
public final class LogCursor {
    /// Something found in the log.
    public enum Event: Sendable, Hashable {
        /// A sound record.
        case record(LogRecord)
        /// Bytes that are not trusted; reading continued after them.
        case corruptRegion(CorruptRegion)
        /// A segment file skipped as a whole.
        case damagedSegment(DamagedSegment)
    }

    private let walker: LogWalker

    /// The partial tail seen when ``next()`` last returned nil, if any.
    public private(set) var partialTail: TornTail?

    init(walker: LogWalker) {
        self.walker = walker
    }

    /// Where the cursor stands: the next record to examine, or the start of the partial tail.
    public var offset: LogOffset { walker.position }

    /// The next record, corrupt region or damaged segment, or nil when nothing more has been
    /// written yet.
    public func next() throws(LogError) -> Event? {
        switch try walker.step() {
        case .record(let offset, let payload):
            partialTail = nil
            return .record(LogRecord(offset: offset, payload: Array(payload)))
        case .corrupt(let region):
            return .corruptRegion(region)
        case .damaged(let segment):
            return .damagedSegment(segment)
        case .caughtUp(let tail):
            partialTail = tail
            return nil
        }
    }
}
