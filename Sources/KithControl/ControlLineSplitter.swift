/// Splits the bytes a node sends on its control socket into lines (Protocol/control.md: one JSON
/// object per line), holding at most one unfinished line of bounded size. Pure: the caller reads
/// the socket and hands over what it read, in any pieces.
public struct ControlLineSplitter: Sendable {
    /// The most bytes a line may hold, its line feed not counted.
    public let maximumLineByteCount: Int
    private var held: [UInt8] = []
    /// Where the first unreturned byte of `held` is.
    private var start = 0
    /// How far `held` is known to hold no line feed, so that a long line arriving in many pieces
    /// is searched once.
    private var searched = 0

    /// A splitter that has received nothing yet.
    public init(maximumLineByteCount: Int = ControlCoding.maximumResponseByteCount) {
        self.maximumLineByteCount = maximumLineByteCount
    }

    /// How many bytes are held: the unfinished line, and the whole lines not taken yet.
    public var heldByteCount: Int { held.count - start }

    /// The bytes held, oldest first: after the last whole line taken, the unfinished line.
    public var heldBytes: ArraySlice<UInt8> { held[start...] }

    /// Adds bytes read from the socket after those received before.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0, start >= held.count / 2 {
            held.removeFirst(start)
            searched -= start
            start = 0
        }
        held.append(contentsOf: bytes)
    }

    /// The next whole line received (without its line feed), taken from what is held; nil until
    /// its line feed arrives.
    /// - Throws: ``ControlStreamError/lineTooLong(limit:)`` when more bytes than a line may hold
    ///   came without a line feed.
    public mutating func nextLine() throws(ControlStreamError) -> ArraySlice<UInt8>? {
        let from = max(start, searched)
        guard let feed = held[from...].firstIndex(of: 0x0a) else {
            searched = held.count
            guard held.count - start <= maximumLineByteCount else {
                throw .lineTooLong(limit: maximumLineByteCount)
            }
            return nil
        }
        guard feed - start <= maximumLineByteCount else {
            throw .lineTooLong(limit: maximumLineByteCount)
        }
        let line = held[start..<feed]
        start = feed + 1
        searched = start
        return line
    }
}
