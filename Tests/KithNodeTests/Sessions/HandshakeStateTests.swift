import KithCore
import KithMesh
import Testing

@testable import KithNode

@Suite("Handshake state of a connection")
struct HandshakeStateTests {
    /// The two sides of a handshake in one community, the initiator (seed 0...31) started, and
    /// the hello it sent.
    static func start() throws -> (
        initiator: HandshakeState, responder: HandshakeState, hello: [UInt8]
    ) {
        let initiatorKey = try SigningKey(seed: Array(0...31))
        let responderKey = try SigningKey(seed: Array(32...63))
        let community = try CommunityKey(bytes: Array(repeating: 7, count: 32))
        var initiator = HandshakeInitiator(
            identity: initiatorKey, responder: responderKey.publicKey, community: community)
        let hello = split(initiator.start()).sent
        let responder = HandshakeResponder(identity: responderKey, communities: [community])
        return (
            HandshakeState(initiator: initiator), HandshakeState(responder: responder), hello
        )
    }

    /// The bytes an action list asks to send, and the outcome if it establishes the session.
    static func split(_ actions: [HandshakeAction]) -> (sent: [UInt8], outcome: HandshakeOutcome?) {
        var sent: [UInt8] = []
        var outcome: HandshakeOutcome?
        for action in actions {
            switch action {
            case .send(let bytes): sent += bytes
            case .established(let established): outcome = established
            case .failed: break
            }
        }
        return (sent, outcome)
    }

    @Test("each side expects exactly the two messages it reads, and establishes on the last byte")
    func countsTheExpectedBytes() throws {
        let start = try Self.start()
        var initiatorSide = start.initiator
        var responderSide = start.responder
        #expect(initiatorSide.bytesRemaining == 64 + 80)
        #expect(responderSide.bytesRemaining == 64 + 112)

        // The hello arrives one byte at a time.
        var reply: [UInt8] = []
        for byte in start.hello {
            reply += Self.split(responderSide.receive([byte])).sent
        }
        #expect(responderSide.bytesRemaining == 112)
        #expect(reply.count == 64)

        let auth = Self.split(initiatorSide.receive(reply)).sent
        #expect(initiatorSide.bytesRemaining == 80)
        let (accept, responderOutcome) = Self.split(responderSide.receive(auth))
        #expect(responderSide.bytesRemaining == 0)
        let (_, initiatorOutcome) = Self.split(initiatorSide.receive(accept))
        #expect(initiatorSide.bytesRemaining == 0)

        let initiatorEnd = try #require(initiatorOutcome)
        let responderEnd = try #require(responderOutcome)
        #expect(initiatorEnd.keys.sessionID == responderEnd.keys.sessionID)
        #expect(responderEnd.remoteKey == (try SigningKey(seed: Array(0...31))).publicKey)
    }

    @Test("a closing session keeps what the established one proved and counted")
    func closingKeepsTheSessionRecord() throws {
        let start = try Self.start()
        var initiatorSide = start.initiator
        var responderSide = start.responder
        let reply = Self.split(responderSide.receive(start.hello)).sent
        let auth = Self.split(initiatorSide.receive(reply)).sent
        let outcome = try #require(Self.split(responderSide.receive(auth)).outcome)

        var session = EstablishedSession(outcome, now: 1_000, localAddress: nil)
        session.entriesAppended = 3
        let closing = session.closing(reason: "rebalancing")
        #expect(closing.reason == "rebalancing")
        #expect(closing.remoteKey == outcome.remoteKey)
        #expect(closing.establishedAt == 1_000)
        #expect(closing.entriesAppended == 3)
        #expect(!closing.hasShutDownWriting)
    }
}
