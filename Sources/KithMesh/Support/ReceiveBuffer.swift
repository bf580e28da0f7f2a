/// Bytes received from a peer and not yet consumed: the buffer that ``FrameDecoder`` reads from.
///
/// Reading moves a reader index instead of removing bytes from the front, so decoding many frames
/// from one big batch takes linear time; consumed bytes are dropped in bulk now and then.
public struct ReceiveBuffer: Sendable, Equatable {
    private var storage: [UInt8]
    private var readerIndex: Int = 0

    /// An empty buffer.
    public init() {
        storage = []
    }

    /// A buffer holding `bytes`.
    public init(_ bytes: some Sequence<UInt8>) {
        storage = Array(bytes)
    }

    /// The number of bytes not yet consumed.
    public var readableBytes: Int { storage.count - readerIndex }

    /// Whether every byte has been consumed.
    public var isEmpty: Bool { readableBytes == 0 }

    /// The bytes not yet consumed.
    public var readableBytesView: ArraySlice<UInt8> { storage[readerIndex...] }

    /// Adds received bytes at the end.
    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        compactIfWorthwhile()
        storage.append(contentsOf: bytes)
    }

    /// Consumes and returns the next `count` bytes, or returns nil (consuming nothing) when fewer
    /// are readable.
    mutating func readBytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= readableBytes else { return nil }
        let bytes = Array(storage[readerIndex..<readerIndex + count])
        readerIndex += count
        return bytes
    }

    /// Calls `body` with the next `count` bytes and consumes them, or returns nil (consuming
    /// nothing) when fewer are readable.
    mutating func readWithUnsafeBytes<R>(_ count: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R?
    {
        guard count >= 0, count <= readableBytes else { return nil }
        let start = readerIndex
        let result = storage.withUnsafeBytes {
            body(UnsafeRawBufferPointer(rebasing: $0[start..<start + count]))
        }
        readerIndex += count
        return result
    }

    /// Drops consumed bytes once they are most of the storage, so memory follows what is unread.
    private mutating func compactIfWorthwhile() {
        guard readerIndex > 0 else { return }
        if readerIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readerIndex = 0
        } else if readerIndex >= 4096, readerIndex * 2 >= storage.count {
            storage.removeFirst(readerIndex)
            readerIndex = 0
        }
    }

    /// Buffers are equal when their readable bytes are.
    public static func == (lhs: ReceiveBuffer, rhs: ReceiveBuffer) -> Bool {
        lhs.readableBytesView.elementsEqual(rhs.readableBytesView)
    }
}
