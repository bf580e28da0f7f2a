import KithCore
import KithTestSupport
import Testing

@testable import KithMesh

@Suite("Session frames")
struct FrameTests {
    /// An encoder and the matching decoder under one fixed key.
    static func pair(counter: UInt64 = 0) -> (FrameEncoder, FrameDecoder) {
        var keyBytes = Blake2b.hash256(Array("frame test key".utf8))
        let key = SecretBytes(takingAndWiping: &keyBytes)
        return (
            FrameEncoder(key: key, nextNonceCounter: counter),
            FrameDecoder(key: key, nextNonceCounter: counter)
        )
    }

    static func payloads() -> [[UInt8]] {
        var random = SeededRandomSource("frame payloads")
        return [
            [], [0x42], random.bytes(100), random.bytes(4096),
            random.bytes(FrameFormat.maximumPayloadByteCount), random.bytes(3),
        ]
    }

    /// Feeds `stream` to `decoder` in pieces of `pieceSize` bytes, collecting payloads.
    static func decodeAll(_ stream: [UInt8], pieceSize: Int, decoder: inout FrameDecoder)
        throws(FrameError) -> [[UInt8]]
    {
        var buffer = ReceiveBuffer()
        var payloads: [[UInt8]] = []
        var offset = 0
        while offset < stream.count {
            let end = min(offset + pieceSize, stream.count)
            buffer.append(contentsOf: stream[offset..<end])
            offset = end
            while let payload = try decoder.decode(buffer: &buffer) {
                payloads.append(payload)
            }
        }
        return payloads
    }

    @Test(
        "frames round-trip whole, byte by byte and in odd pieces",
        arguments: [1, 7, 20, 36, 1000, Int.max])
    func roundTrip(pieceSize: Int) throws {
        var (encoder, decoder) = Self.pair()
        var stream: [UInt8] = []
        for payload in Self.payloads() {
            let frame = try encoder.encode(payload)
            #expect(frame.count == FrameFormat.frameByteCount(payloadByteCount: payload.count))
            stream += frame
        }
        let decoded = try Self.decodeAll(
            stream, pieceSize: pieceSize == 1 ? 1 : min(pieceSize, stream.count), decoder: &decoder)
        #expect(decoded == Self.payloads())
        #expect(encoder.nextNonceCounter == 12)
        #expect(decoder.nextNonceCounter == 12)
        #expect(decoder.pendingPayloadByteCount == nil)
    }

    @Test("a session's two directions decode each other's frames")
    func sessionDirections() throws {
        var harness = HandshakeHarness(
            initiator: HandshakeInitiator(
                identity: try MeshFixtures.alice(), responder: try MeshFixtures.bob().publicKey,
                community: try MeshFixtures.garden()),
            responder: HandshakeResponder(
                identity: try MeshFixtures.bob(), communities: [try MeshFixtures.garden()]))
        let run = harness.run()
        let alice = try #require(run.initiatorOutcome).keys
        let bob = try #require(run.responderOutcome).keys
        var aliceSends = alice.makeFrameEncoder()
        var bobReceives = bob.makeFrameDecoder()
        var bobSends = bob.makeFrameEncoder()
        var aliceReceives = alice.makeFrameDecoder()
        var toBob = ReceiveBuffer(try aliceSends.encode(Array("hi bob".utf8)))
        var toAlice = ReceiveBuffer(try bobSends.encode(Array("hi alice".utf8)))
        #expect(try bobReceives.decode(buffer: &toBob) == Array("hi bob".utf8))
        #expect(try aliceReceives.decode(buffer: &toAlice) == Array("hi alice".utf8))
        // A frame reflected back to its sender does not authenticate: the directions' keys differ.
        var reflected = ReceiveBuffer(try aliceSends.encode([1, 2, 3]))
        #expect(throws: FrameError.authenticationFailed) {
            try aliceReceives.decode(buffer: &reflected)
        }
    }

    @Test("changing any bit of a frame fails the stream, and it stays failed")
    func tampering() throws {
        let (template, _) = Self.pair()
        var encoder = template
        let frame = try encoder.encode(Array("a frame to damage".utf8))
        for index in frame.indices {
            for bit in [0, 3, 7] {
                var (_, decoder) = Self.pair()
                var damaged = frame
                damaged[index] ^= 1 << bit
                var buffer = ReceiveBuffer(damaged)
                var outcome: FrameError?
                do {
                    while try decoder.decode(buffer: &buffer) != nil {}
                    // A damaged length can ask for more bytes than are here; deliver them.
                    buffer.append(
                        contentsOf: [UInt8](repeating: 0, count: FrameFormat.maximumFrameByteCount))
                    _ = try decoder.decode(buffer: &buffer)
                } catch {
                    outcome = error
                }
                #expect(outcome != nil, "byte \(index) bit \(bit)")
                var fresh = ReceiveBuffer(frame)
                #expect(throws: FrameError.self) { try decoder.decode(buffer: &fresh) }
            }
        }
    }

    @Test("dropped, repeated or reordered frames fail")
    func ordering() throws {
        var (encoder, _) = Self.pair()
        let first = try encoder.encode([1])
        let second = try encoder.encode([2])
        for stream in [second, first + first, second + first] {
            var (_, decoder) = Self.pair()
            #expect(throws: FrameError.authenticationFailed) {
                _ = try Self.decodeAll(stream, pieceSize: stream.count, decoder: &decoder)
            }
        }
    }

    @Test("an oversize length is rejected as soon as the header arrives, before the body")
    func oversizeHeader() throws {
        var keyBytes = Blake2b.hash256(Array("frame test key".utf8))
        let key = SecretBytes(takingAndWiping: &keyBytes)
        // A header that declares 65,537 bytes, correctly encrypted (as a broken peer would send it).
        var length: [UInt8] = []
        length.appendBigEndian(UInt32(FrameFormat.maximumPayloadByteCount + 1))
        let header = key.withUnsafeBytes { keyBytes in
            length.withUnsafeBytes {
                AEAD.chaCha20Poly1305.seal($0, key: keyBytes, nonce: FrameFormat.nonce(0))
            }
        }
        var (_, decoder) = Self.pair()
        var buffer = ReceiveBuffer(header)
        #expect(throws: FrameError.frameTooLarge(byteCount: 65_537)) {
            try decoder.decode(buffer: &buffer)
        }
        // A header declaring exactly the maximum waits for its body.
        var maxLength: [UInt8] = []
        maxLength.appendBigEndian(UInt32(FrameFormat.maximumPayloadByteCount))
        let maxHeader = key.withUnsafeBytes { keyBytes in
            maxLength.withUnsafeBytes {
                AEAD.chaCha20Poly1305.seal($0, key: keyBytes, nonce: FrameFormat.nonce(0))
            }
        }
        var (_, patient) = Self.pair()
        var waiting = ReceiveBuffer(maxHeader)
        #expect(try patient.decode(buffer: &waiting) == nil)
        #expect(patient.pendingPayloadByteCount == FrameFormat.maximumPayloadByteCount)
    }

    @Test("an encoder refuses payloads over 64 KiB")
    func oversizePayload() throws {
        var (encoder, _) = Self.pair()
        #expect(throws: FrameError.frameTooLarge(byteCount: 65_537)) {
            try encoder.encode([UInt8](repeating: 0, count: 65_537))
        }
        #expect(encoder.nextNonceCounter == 0)
    }

    @Test("nonce counters advance by two per frame and the stream ends instead of wrapping")
    func nonceExhaustion() throws {
        var (encoder, decoder) = Self.pair(counter: UInt64.max - 3)
        var buffer = ReceiveBuffer(try encoder.encode([1]))
        #expect(encoder.nextNonceCounter == UInt64.max - 1)
        #expect(try decoder.decode(buffer: &buffer) == [1])
        buffer.append(contentsOf: try encoder.encode([2]))
        #expect(encoder.nextNonceCounter == nil)
        #expect(try decoder.decode(buffer: &buffer) == [2])
        #expect(decoder.nextNonceCounter == nil)
        #expect(
            try decoder.decode(buffer: &buffer) == nil, "nothing more arrived: not an error yet")
        #expect(throws: FrameError.nonceExhausted) { try encoder.encode([3]) }
        var (lastEncoder, lastDecoder) = Self.pair(counter: UInt64.max)
        #expect(throws: FrameError.nonceExhausted) { try lastEncoder.encode([3]) }
        var header = ReceiveBuffer([UInt8](repeating: 0, count: 20))
        #expect(throws: FrameError.nonceExhausted) { try lastDecoder.decode(buffer: &header) }
        buffer.append(contentsOf: [UInt8](repeating: 0, count: 20))
        #expect(throws: FrameError.nonceExhausted) { try decoder.decode(buffer: &buffer) }
    }

    @Test("the nonce is the 96-bit big-endian counter")
    func nonceLayout() {
        #expect(FrameFormat.nonce(0) == [UInt8](repeating: 0, count: 12))
        #expect(FrameFormat.nonce(0x0102_0304_0506_0708) == [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    }
}
