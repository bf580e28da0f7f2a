import KithControl
import KithCore

/// A chat's `tail` subscription (Protocol/control.md) as bytes in and entries out: the node's
/// answer to `tail`, then one line per entry it appends. Pure: the chat's loop reads the socket
/// without blocking and hands over what it read, in any pieces.
///
/// Bounded: it holds at most one unfinished line (``ControlCoding/maximumResponseByteCount``)
/// and ``capacityBytes`` of entries not taken yet; beyond that the oldest entries are dropped
/// and counted, and ``take()`` says how many.
public struct ChatTailStream: Sendable {
    /// What the stream brought since it was last taken.
    public struct Arrivals: Sendable, Equatable {
        /// Whether the node accepted the subscription: entries appended from then on come.
        public var subscribed = false
        /// The entries that came, oldest first.
        public var entries: [ControlEntry] = []
        /// How many entries were dropped, oldest first, to keep within the bound.
        public var dropped = 0
        /// Why the node refused the subscription, if it did: nothing more comes.
        public var refusal: String?

        /// Nothing came.
        public init() {}
    }

    /// The most entry bytes held waiting; beyond it the oldest entries are dropped (down to half
    /// of it at once) and counted. The node bounds what it queues for the chat; this bounds what
    /// the chat holds.
    public static let capacityBytes = 32 * 1024 * 1024

    private let capacityBytes: Int
    private var splitter: ControlLineSplitter
    private var waiting = Arrivals()
    /// The entry bytes in `waiting`.
    private var waitingBytes = 0

    /// A stream that has received nothing yet: the next line is the answer to `tail`.
    /// `capacityBytes` and `maximumLineByteCount` bound what it holds (tests use small ones).
    public init(
        capacityBytes: Int = Self.capacityBytes,
        maximumLineByteCount: Int = ControlCoding.maximumResponseByteCount
    ) {
        self.capacityBytes = capacityBytes
        splitter = ControlLineSplitter(maximumLineByteCount: maximumLineByteCount)
    }

    /// Whether the node accepted the subscription (its answer may not be taken yet).
    public private(set) var isSubscribed = false

    /// How many bytes the stream holds: the unfinished line and the entries not taken yet.
    public var heldByteCount: Int { splitter.heldByteCount + waitingBytes }

    /// Adds bytes read from the socket and decodes every whole line among them. What came before
    /// a bad line stays to be taken.
    /// - Throws: ``ControlStreamError/lineTooLong(limit:)``, or
    ///   ``ControlStreamError/malformedLine(byteCount:)`` for a line that is not a control
    ///   response: the stream is then of no further use.
    public mutating func receive(_ bytes: some Collection<UInt8>) throws(ControlStreamError) {
        splitter.append(bytes)
        while let line = try splitter.nextLine() {
            guard let response = ControlResponse(line: line) else {
                throw .malformedLine(byteCount: line.count)
            }
            switch response {
            case .tailStarted:
                isSubscribed = true
                waiting.subscribed = true
            case .failed(let reason):
                waiting.refusal = waiting.refusal ?? reason
            case .appended(let entry):
                add(entry)
            default:
                // Another answer is no entry; a later node may say more (control.md: clients
                // ignore what they do not know).
                continue
            }
        }
    }

    /// Everything that came since the last call, and clears it.
    public mutating func take() -> Arrivals {
        defer {
            waiting = Arrivals()
            waitingBytes = 0
        }
        return waiting
    }

    private mutating func add(_ entry: ControlEntry) {
        waiting.entries.append(entry)
        waitingBytes += entry.entry.bytes.count
        guard waitingBytes > capacityBytes else { return }
        // Drop the oldest down to half the bound at once: one pass for many entries.
        var droppedCount = 0
        while waitingBytes > capacityBytes / 2, droppedCount < waiting.entries.count {
            waitingBytes -= waiting.entries[droppedCount].entry.bytes.count
            droppedCount += 1
        }
        waiting.entries.removeFirst(droppedCount)
        waiting.dropped += droppedCount
    }
}
