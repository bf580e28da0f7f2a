import KithCore
import KithMesh

/// `ReplicationMessage.decode` on one frame's payload. A decoded message must encode, decode
/// again to itself, and encode to the input's bytes (a clock's reserved flag bits, which the
/// decoder ignores, excepted).
enum ReplicationMessageTarget {
    static let target = FuzzTarget(
        name: "replication-message", summary: "ReplicationMessage.decode and encoded()", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        let frame = Array(data)
        guard let message = try? ReplicationMessage.decode(frame) else { return }
        let encoded: [UInt8]
        do throws(ReplicationMessageError) {
            encoded = try message.encoded()
        } catch {
            fuzzCheck(false, "a decoded message does not encode: \(error)")
            return
        }
        let again = try? ReplicationMessage.decode(encoded)
        fuzzCheck(again == message, "the encoded message decodes to another message")
        fuzzCheck(
            encoded == expectedEncoding(of: frame, message), "the message encodes to other bytes")
    }

    /// The input with the bits the decoder ignores cleared: a clock item's reserved flag bits.
    private static func expectedEncoding(of frame: [UInt8], _ message: ReplicationMessage)
        -> [UInt8]
    {
        guard case .clock(_, let chains) = message else { return frame }
        var expected = frame
        let itemsStart = 1 + CommunityID.byteCount + 2
        for index in chains.indices {
            let flags = itemsStart + index * ClockItem.byteCount + PublicKey.byteCount + 8
            expected[flags] &= ClockItem.pushFlag
        }
        return expected
    }
}
