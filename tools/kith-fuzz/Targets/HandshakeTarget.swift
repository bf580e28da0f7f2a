import KithCore
import KithMesh

/// The session handshake's state machines (sessions.md) fed arbitrary bytes in arbitrary pieces.
///
/// The first byte picks the side: 0, the responder `bob` (keys of handshake.json) reading what
/// an initiator sends; 1, the initiator `alice` reading what a responder sends; 2, both honest
/// sides talking, with the rest standing in for their random bytes. The next two bytes give the
/// sizes of the pieces. Checked: a state machine that establishes a session hands on exactly the
/// bytes after the handshake, and two honest sides always agree on a session.
enum HandshakeTarget {
    static let target = FuzzTarget(
        name: "handshake", summary: "HandshakeResponder and HandshakeInitiator", run: run)

    /// The bytes an initiator sends before the frames: hello and auth.
    private static let initiatorByteCount =
        HandshakeFormat.helloByteCount
        + HandshakeFormat.authByteCount
    /// The bytes a responder sends before the frames: reply and accept.
    private static let responderByteCount =
        HandshakeFormat.replyByteCount
        + HandshakeFormat.acceptByteCount

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let side = input.byte() % 3
        let pattern = input.take(2)
        let rest = input.rest()
        switch side {
        case 0:
            var random = ReplayedRandomSource(VectorKeys.bobEphemeral)
            var responder = HandshakeResponder(
                identity: VectorKeys.bob, communities: [VectorKeys.garden, VectorKeys.lobby],
                using: &random)
            feed(rest, pattern: pattern, handshakeBytes: initiatorByteCount) {
                responder.receive($0)
            }
        case 1:
            var random = ReplayedRandomSource(VectorKeys.aliceEphemeral)
            var initiator = HandshakeInitiator(
                identity: VectorKeys.alice, responder: VectorKeys.bob.publicKey,
                community: VectorKeys.garden, using: &random)
            _ = initiator.start()
            feed(rest, pattern: pattern, handshakeBytes: responderByteCount) {
                initiator.receive($0)
            }
        default:
            talk(randomBytes: rest, pattern: pattern)
        }
    }

    /// Feeds `bytes` in pieces until the state machine establishes a session or fails; checks
    /// that an established session's leftover is what followed the first `handshakeBytes`.
    private static func feed(
        _ bytes: [UInt8], pattern: [UInt8], handshakeBytes: Int,
        receive: (ArraySlice<UInt8>) -> [HandshakeAction]
    ) {
        var fed = 0
        for piece in chunks(of: bytes, pattern: pattern) {
            fed += piece.count
            for action in receive(piece) {
                switch action {
                case .send: continue
                case .failed: return
                case .established(let outcome):
                    fuzzCheck(fed >= handshakeBytes, "established after only \(fed) bytes")
                    fuzzCheck(
                        outcome.leftover[...] == bytes[handshakeBytes..<fed],
                        "the leftover is not the bytes after the handshake")
                    return
                }
            }
        }
    }

    /// Runs an honest handshake between `alice` and `bob`, with ephemeral secrets taken from
    /// `randomBytes` and every message delivered in pieces; both sides must establish the same
    /// session.
    private static func talk(randomBytes: [UInt8], pattern: [UInt8]) {
        var initiatorRandom = ReplayedRandomSource(Array(randomBytes.prefix(32)))
        var responderRandom = ReplayedRandomSource(Array(randomBytes.dropFirst(32)))
        var initiator = HandshakeInitiator(
            identity: VectorKeys.alice, responder: VectorKeys.bob.publicKey,
            community: VectorKeys.lobby, using: &initiatorRandom)
        var responder = HandshakeResponder(
            identity: VectorKeys.bob, communities: [VectorKeys.garden, VectorKeys.lobby],
            using: &responderRandom)
        var initiatorOutcome: HandshakeOutcome?
        var responderOutcome: HandshakeOutcome?
        var toResponder = VectorKeys.sent(initiator.start())
        for _ in 0..<2 {
            var toInitiator: [UInt8] = []
            for piece in chunks(of: toResponder, pattern: pattern) {
                let actions = responder.receive(piece)
                toInitiator += VectorKeys.sent(actions)
                responderOutcome = responderOutcome ?? outcome(of: actions, side: "responder")
            }
            toResponder = []
            for piece in chunks(of: toInitiator, pattern: pattern) {
                let actions = initiator.receive(piece)
                toResponder += VectorKeys.sent(actions)
                initiatorOutcome = initiatorOutcome ?? outcome(of: actions, side: "initiator")
            }
        }
        guard let initiatorOutcome, let responderOutcome else {
            fuzzCheck(false, "an honest handshake did not complete")
            return
        }
        fuzzCheck(
            initiatorOutcome.keys.sessionID == responderOutcome.keys.sessionID,
            "the two sides derived different sessions")
        fuzzCheck(initiatorOutcome.remoteKey == VectorKeys.bob.publicKey, "wrong responder key")
        fuzzCheck(responderOutcome.remoteKey == VectorKeys.alice.publicKey, "wrong initiator key")
        fuzzCheck(
            responderOutcome.community == VectorKeys.lobby, "the responder chose another community")
        fuzzCheck(
            initiatorOutcome.leftover.isEmpty && responderOutcome.leftover.isEmpty, "leftover bytes"
        )
    }

    private static func outcome(of actions: [HandshakeAction], side: String) -> HandshakeOutcome? {
        for action in actions {
            switch action {
            case .send: continue
            case .failed(let error): fuzzCheck(false, "the honest \(side) failed: \(error)")
            case .established(let outcome): return outcome
            }
        }
        return nil
    }
}
