import KithCore
import KithMesh
import Testing

@Suite("Replication community proofs")
struct ReplicationCommunityProofTests {
    let key = ReplicationFixtures.communityKey(1)
    let sender = ReplicationFixtures.signingKey(2).publicKey
    let sessionID = ReplicationFixtures.sessionID(3)

    @Test("a proof is keyed BLAKE2b-256 of the label, the session id and the sender key")
    func formula() {
        let proof = CommunityProof(key: key, sessionID: sessionID, sender: sender)
        let message = Array("kith community proof v1".utf8) + sessionID + sender.bytes
        #expect(proof.bytes == Blake2b.hash256(key: key.bytes, message))
        #expect(proof.bytes.count == 32)
    }

    @Test("the example of replication.md")
    func specExample() throws {
        let alice = try PublicKey(
            hex: "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")
        let proof = CommunityProof(
            key: DefaultCommunity.key, sessionID: (0..<32).map { UInt8($0) }, sender: alice)
        #expect(
            proof.description == "2440498e8363dde292463885409479669ec8368042f4d183e39dda644cdde4d0")
        let clock = ReplicationMessage.clock(
            community: DefaultCommunity.id,
            chains: [ClockItem(author: alice, sequence: 7, push: true)])
        let expected =
            "021281e0feba1a0bdf5a68190f76078e29fe7a3b2f44837e2b79d891294ec3765e0001"
            + "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8000000000000000701"
        #expect(
            try clock.encoded().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                == expected)
    }

    @Test("a proof is bound to its key, its session and its sender")
    func binding() {
        let proof = CommunityProof(key: key, sessionID: sessionID, sender: sender)
        #expect(proof == CommunityProof(key: key, sessionID: sessionID, sender: sender))
        #expect(
            proof
                != CommunityProof(
                    key: ReplicationFixtures.communityKey(9), sessionID: sessionID, sender: sender))
        #expect(
            proof
                != CommunityProof(
                    key: key, sessionID: ReplicationFixtures.sessionID(4), sender: sender))
        #expect(
            proof
                != CommunityProof(
                    key: key, sessionID: sessionID,
                    sender: ReplicationFixtures.signingKey(5).publicKey))
    }

    @Test("proofs are built from exactly 32 bytes")
    func length() throws {
        #expect(throws: KeyError.wrongLength(expected: 32, actual: 31)) {
            try CommunityProof(bytes: [UInt8](repeating: 0, count: 31))
        }
        #expect(
            try CommunityProof(bytes: [UInt8](repeating: 0xab, count: 32)).description
                == String(repeating: "ab", count: 32))
    }
}
