import KithCore
import KithMesh

/// The keys of Protocol/vectors/handshake.json and beacon.json: with them the vectors' messages
/// are valid inputs of the targets, so the corpora start from inputs that pass every
/// authentication check.
enum VectorKeys {
    /// The community `garden` (BLAKE2b-256("kith vector community 1")).
    static let garden = communityKey(
        "bfe2187c9b494e7a1615a1ddec2bf2c2d0bb2d7414585e6861b3d663d3a84ba8")
    /// The community `lobby`, the default one.
    static let lobby = communityKey(
        "87a6123e8b016ed277849d4f75c74f36becdeb50e02bce6e5b29534449085c7a")
    /// The handshake's initiator: seed 0x00, 0x01, ..., 0x1f.
    static let alice = signingKey(
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
    /// The handshake's responder: seed BLAKE2b-256("kith vector seed 1").
    static let bob = signingKey(
        "75482545bdfbc007d0743c144b9e14e13b9dc7f5b2f5d71db9f986210582fdc9")
    /// The initiator's ephemeral secret, BLAKE2b-256("kith vector ephemeral 1").
    static let aliceEphemeral = bytes(
        "f53bc377fc5b399eec6b19cd86fad5c2a4eeffb8f4d7a32664cc6a3fb36be4c3")
    /// The responder's ephemeral secret, BLAKE2b-256("kith vector ephemeral 2").
    static let bobEphemeral = bytes(
        "4a5daa00439bff67ba0163342e397bc0d53207164efaf0399be77a5110f79876")

    /// The session both sides of the vector handshake establish, from the initiator's side and
    /// from the responder's: the keys of frames.json.
    static let session: (initiator: SessionKeys, responder: SessionKeys) = {
        var initiatorRandom = ReplayedRandomSource(aliceEphemeral)
        var responderRandom = ReplayedRandomSource(bobEphemeral)
        var initiator = HandshakeInitiator(
            identity: alice, responder: bob.publicKey, community: garden, using: &initiatorRandom)
        var responder = HandshakeResponder(
            identity: bob, communities: [garden], using: &responderRandom)
        var toResponder = sent(initiator.start())
        var initiatorKeys: SessionKeys?
        var responderKeys: SessionKeys?
        while initiatorKeys == nil || responderKeys == nil {
            let answer = responder.receive(toResponder)
            responderKeys = responderKeys ?? established(answer)
            let reply = initiator.receive(sent(answer))
            initiatorKeys = initiatorKeys ?? established(reply)
            toResponder = sent(reply)
            guard !toResponder.isEmpty || responderKeys != nil else { break }
        }
        guard let initiatorKeys, let responderKeys else {
            fatalError("the vector handshake does not complete")
        }
        return (initiatorKeys, responderKeys)
    }()

    /// The bytes the actions say to send, in order.
    static func sent(_ actions: [HandshakeAction]) -> [UInt8] {
        actions.flatMap { action -> [UInt8] in
            if case .send(let bytes) = action { return bytes }
            return []
        }
    }

    private static func established(_ actions: [HandshakeAction]) -> SessionKeys? {
        for case .established(let outcome) in actions { return outcome.keys }
        return nil
    }

    private static func communityKey(_ hex: String) -> CommunityKey {
        guard let key = try? CommunityKey(hex: hex) else { fatalError("bad vector key \(hex)") }
        return key
    }

    private static func signingKey(_ seed: String) -> SigningKey {
        guard let key = try? SigningKey(seed: bytes(seed)) else {
            fatalError("bad vector seed \(seed)")
        }
        return key
    }

    /// The bytes written in `hex` (constants of this file only).
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map {
            UInt8(hexDigit(digits[$0]) << 4 | hexDigit(digits[$0 + 1]))
        }
    }

    private static func hexDigit(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: fatalError("bad hex digit in a vector constant")
        }
    }
}

/// A random source that hands out the given bytes, then zeros: it replays a vector's ephemeral
/// secret, or fuzz input standing in for randomness.
struct ReplayedRandomSource: RandomSource {
    private var remaining: ArraySlice<UInt8>

    /// A source that hands out `bytes` first.
    init(_ bytes: [UInt8]) {
        remaining = bytes[...]
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        let taken = Array(remaining.prefix(count))
        remaining = remaining.dropFirst(count)
        return taken + [UInt8](repeating: 0, count: count - taken.count)
    }
}
