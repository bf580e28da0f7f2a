import KithCore
import KithTestSupport

@testable import KithMesh

/// Frames in both directions under the session keys of the handshake vector.
struct FramesVector {
    struct Frame {
        var counter: UInt64
        var payload: [UInt8]
        var bytes: [UInt8]
    }

    let handshake: HandshakeVector
    let initiatorToResponder: [Frame]
    let responderToInitiator: [Frame]
    /// A correctly encrypted header at counter 0 declaring 65,537 bytes: a receiver fails on it.
    let oversizeHeader: [UInt8]

    static let initiatorPayloads: [[UInt8]] = [Array("hello bob".utf8), [], Array(0...255)]
    static let responderPayloads: [[UInt8]] = [Array("hello alice".utf8)]

    init(handshake: HandshakeVector) throws {
        self.handshake = handshake
        var aliceSends = handshake.initiatorKeys.makeFrameEncoder()
        var bobSends = handshake.responderKeys.makeFrameEncoder()
        var forward: [Frame] = []
        for payload in Self.initiatorPayloads {
            let counter = aliceSends.nextNonceCounter ?? 0
            forward.append(
                Frame(counter: counter, payload: payload, bytes: try aliceSends.encode(payload)))
        }
        var backward: [Frame] = []
        for payload in Self.responderPayloads {
            let counter = bobSends.nextNonceCounter ?? 0
            backward.append(
                Frame(counter: counter, payload: payload, bytes: try bobSends.encode(payload)))
        }
        initiatorToResponder = forward
        responderToInitiator = backward
        var length: [UInt8] = []
        length.appendBigEndian(UInt32(FrameFormat.maximumPayloadByteCount + 1))
        let key = handshake.initiatorToResponder
        oversizeHeader = key.withUnsafeBytes { keyBytes in
            length.withUnsafeBytes {
                AEAD.chaCha20Poly1305.seal($0, key: keyBytes, nonce: FrameFormat.nonce(0))
            }
        }
    }

    private static func frames(_ frames: [Frame]) -> OrderedJSON {
        .array(
            frames.map { frame in
                .object([
                    ("headerNonceCounter", .integer(frame.counter)),
                    ("headerNonce", .hex(FrameFormat.nonce(frame.counter))),
                    ("bodyNonce", .hex(FrameFormat.nonce(frame.counter + 1))),
                    ("payloadLength", .integer(UInt64(frame.payload.count))),
                    ("payload", .hex(frame.payload)),
                    ("frame", .hex(frame.bytes)),
                ])
            })
    }

    /// The JSON document of frames.json.
    var document: OrderedJSON {
        .object([
            (
                "description",
                .string(
                    "Session frames (sessions.md) made with the session keys of handshake.json: "
                        + "each direction's frames in order from nonce counter 0, and a header that "
                        + "declares 65,537 bytes, which a receiver must reject before the body.")
            ),
            ("maximumPayloadLength", .integer(UInt64(FrameFormat.maximumPayloadByteCount))),
            (
                "initiatorToResponder",
                .object([
                    ("key", .hex(handshake.initiatorToResponder)),
                    ("frames", Self.frames(initiatorToResponder)),
                ])
            ),
            (
                "responderToInitiator",
                .object([
                    ("key", .hex(handshake.responderToInitiator)),
                    ("frames", Self.frames(responderToInitiator)),
                ])
            ),
            (
                "oversizeHeader",
                .object([
                    ("direction", .string("initiatorToResponder")),
                    ("headerNonceCounter", .integer(0)),
                    ("declaredLength", .integer(UInt64(FrameFormat.maximumPayloadByteCount + 1))),
                    ("header", .hex(oversizeHeader)),
                    ("error", .string("frameTooLarge")),
                ])
            ),
        ])
    }
}
