import KithMesh

/// `FrameDecoder` (sessions.md, "Frames") with the session keys of the vector handshake (those of
/// frames.json). The first byte picks a mode: 0 decodes the rest as a received stream; 1 reads
/// the rest as payloads (each a 2-byte length and bytes), encrypts them with `FrameEncoder` and
/// decodes the stream in pieces, which must give back the payloads; 2 does the same but flips one
/// bit of the stream first, which must be reported, with every payload before it intact.
enum FrameStreamTarget {
    static let target = FuzzTarget(
        name: "frame-stream", summary: "FrameDecoder against FrameEncoder", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let mode = input.byte() % 3
        let pattern = input.take(2)
        switch mode {
        case 0:
            _ = decode(input.rest(), pattern: pattern)
        default:
            let flip = mode == 2 ? Int(input.uint16()) : nil
            var payloads: [[UInt8]] = []
            while !input.isAtEnd {
                payloads.append(input.take(Int(input.uint16())))
            }
            roundTrip(payloads, pattern: pattern, flippingBit: flip)
        }
    }

    /// Encrypts `payloads`, optionally flips one bit, and checks what the decoder makes of it.
    private static func roundTrip(_ payloads: [[UInt8]], pattern: [UInt8], flippingBit: Int?) {
        var encoder = VectorKeys.session.initiator.makeFrameEncoder()
        var stream: [UInt8] = []
        var frameEnds: [Int] = []
        for payload in payloads {
            guard let frame = try? encoder.encode(payload) else {
                fuzzCheck(false, "a payload of \(payload.count) bytes does not encode")
                return
            }
            stream += frame
            frameEnds.append(stream.count)
        }
        guard let flippingBit, !stream.isEmpty else {
            let (decoded, error) = decode(stream, pattern: pattern)
            fuzzCheck(error == nil, "an intact stream failed: \(String(describing: error))")
            fuzzCheck(decoded == payloads, "the decoded payloads differ from those sent")
            return
        }
        let position = flippingBit % (stream.count * 8)
        stream[position / 8] ^= 1 << UInt8(position % 8)
        let (decoded, error) = decode(stream, pattern: pattern)
        let intactFrames = frameEnds.prefix { $0 <= position / 8 }.count
        fuzzCheck(error != nil, "a flipped bit in frame \(intactFrames) went unnoticed")
        fuzzCheck(
            decoded == Array(payloads.prefix(intactFrames)),
            "the payloads before the flipped bit were not all delivered intact")
    }

    /// Feeds `stream` to a fresh decoder in pieces; returns the payloads and the error, if any.
    private static func decode(_ stream: [UInt8], pattern: [UInt8]) -> ([[UInt8]], FrameError?) {
        var decoder = VectorKeys.session.responder.makeFrameDecoder()
        var buffer = ReceiveBuffer()
        var payloads: [[UInt8]] = []
        for piece in chunks(of: stream, pattern: pattern) {
            buffer.append(contentsOf: piece)
            do throws(FrameError) {
                while let payload = try decoder.decode(buffer: &buffer) {
                    payloads.append(payload)
                }
            } catch {
                let again = Result { () throws(FrameError) in try decoder.decode(buffer: &buffer) }
                fuzzCheck(again == .failure(error), "a failed decoder did not keep failing")
                return (payloads, error)
            }
        }
        return (payloads, nil)
    }
}
