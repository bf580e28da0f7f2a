/// Bytes queued for a connection and not yet taken by the socket, oldest first. Small writes are
/// coalesced into one chunk so that many small frames need few system calls.
struct OutputBuffer: Sendable {
    /// Chunks up to this size take further appends.
    static let coalescingLimit = 16 * 1024

    private var chunks: [[UInt8]] = []
    private var head = 0
    private var offsetInHead = 0

    /// The number of bytes queued.
    private(set) var count = 0

    /// Whether nothing is queued.
    var isEmpty: Bool { count == 0 }

    /// Queues `bytes` after what is queued.
    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if chunks.count > head, let last = chunks.indices.last,
            chunks[last].count + bytes.count <= Self.coalescingLimit
        {
            chunks[last].append(contentsOf: bytes)
        } else {
            chunks.append(bytes)
        }
    }

    /// Hands queued bytes to `write` until it takes none (it returns nil or 0: the socket is
    /// full) or nothing is left, dropping what it took. Returns the number of bytes taken.
    mutating func drain<Failure: Error>(
        into write: (UnsafeRawBufferPointer) throws(Failure) -> Int?
    ) throws(Failure) -> Int {
        var taken = 0
        while head < chunks.count {
            let start = offsetInHead
            let result = chunks[head].withUnsafeBytes { bytes in
                Result { () throws(Failure) in
                    try write(UnsafeRawBufferPointer(rebasing: bytes[start...]))
                }
            }
            guard let written = try result.get(), written > 0 else { break }
            taken += written
            count -= written
            offsetInHead += written
            if offsetInHead >= chunks[head].count {
                head += 1
                offsetInHead = 0
            }
        }
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 {
            chunks.removeFirst(head)
            head = 0
        }
        return taken
    }
}
