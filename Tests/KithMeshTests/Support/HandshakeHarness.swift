import KithCore
import KithMesh

/// Runs an initiator against a responder in memory, as two ends of a connection would, with
/// control over how the bytes are cut into pieces and a hook that may change any message.
struct HandshakeHarness {
    /// What each side ended with, and every message that was sent (before tampering).
    struct Run {
        var messages: [[UInt8]] = []
        var initiatorOutcome: HandshakeOutcome?
        var responderOutcome: HandshakeOutcome?
        var initiatorFailure: HandshakeError?
        var responderFailure: HandshakeError?
        /// Every byte each side wrote, in order (after tampering).
        var sentByInitiator: [UInt8] = []
        var sentByResponder: [UInt8] = []
    }

    var initiator: HandshakeInitiator
    var responder: HandshakeResponder
    /// The largest piece delivered at once; nil delivers everything queued at once.
    var pieceSize: Int?
    /// Called with each message's index (0 = hello, 1 = reply, 2 = auth, 3 = accept) before it is
    /// delivered; may change it.
    var tamper: (Int, inout [UInt8]) -> Void = { _, _ in }
    /// Bytes the responder writes right after message 4: the start of its frame stream.
    var extraFromResponderAfterAccept: [UInt8] = []

    init(initiator: HandshakeInitiator, responder: HandshakeResponder, pieceSize: Int? = nil) {
        self.initiator = initiator
        self.responder = responder
        self.pieceSize = pieceSize
    }

    mutating func run() -> Run {
        var run = Run()
        var toResponder: [UInt8] = []
        var toInitiator: [UInt8] = []
        var initiatorClosed = false
        var responderClosed = false

        func handle(_ actions: [HandshakeAction], fromInitiator: Bool) {
            for action in actions {
                switch action {
                case .send(let message):
                    var delivered = message
                    tamper(run.messages.count, &delivered)
                    run.messages.append(message)
                    if fromInitiator {
                        run.sentByInitiator += delivered
                        toResponder += delivered
                    } else {
                        run.sentByResponder += delivered
                        toInitiator += delivered
                        if run.messages.count == 4 { toInitiator += extraFromResponderAfterAccept }
                    }
                case .established(let outcome):
                    if fromInitiator {
                        run.initiatorOutcome = outcome
                    } else {
                        run.responderOutcome = outcome
                    }
                case .failed(let error):
                    if fromInitiator {
                        run.initiatorFailure = error
                        initiatorClosed = true
                    } else {
                        run.responderFailure = error
                        responderClosed = true
                    }
                }
            }
        }

        handle(initiator.start(), fromInitiator: true)
        var progressed = true
        while progressed {
            progressed = false
            let initiatorDone = initiatorClosed || run.initiatorOutcome != nil
            let responderDone = responderClosed || run.responderOutcome != nil
            if !toResponder.isEmpty, !responderDone {
                let count = min(pieceSize ?? toResponder.count, toResponder.count)
                let piece = Array(toResponder.prefix(count))
                toResponder.removeFirst(count)
                handle(responder.receive(piece), fromInitiator: false)
                progressed = true
            }
            if !toInitiator.isEmpty, !initiatorDone {
                let count = min(pieceSize ?? toInitiator.count, toInitiator.count)
                let piece = Array(toInitiator.prefix(count))
                toInitiator.removeFirst(count)
                handle(initiator.receive(piece), fromInitiator: true)
                progressed = true
            }
        }
        return run
    }
}
