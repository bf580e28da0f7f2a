import KithCore
import KithTestSupport

@testable import KithMesh

/// replication.json: one of each replication message in the default community, and clock digests
/// with their item values (replication.md, "Messages" and "Digests").
struct ReplicationVector {
    /// A message with what it carries, described for a reader.
    struct Message {
        var name: String
        var fields: [(String, OrderedJSON)]
        var message: ReplicationMessage
    }

    /// A set of compared chains and its digest.
    struct Digest {
        var note: String
        var items: [ClockItem]
        var digest: ClockDigest
    }

    let sources: MeshVectorSources
    let entry: Entry
    let messages: [Message]
    let digests: [Digest]

    init(sources: MeshVectorSources) throws {
        self.sources = sources
        let lobby = DefaultCommunity.id
        let alice = sources.alice.publicKey
        let bob = sources.bob.publicKey
        let sessionID = Array(UInt8(0)...31)
        let proof = CommunityProof(key: DefaultCommunity.key, sessionID: sessionID, sender: alice)
        entry = try Entry.sign(
            community: lobby, sequence: 1, previous: .zero, timestamp: MeshVectorSources.time,
            contentType: .post,
            content: try Post(channel: .general, text: "hello from alice").encoded(),
            with: sources.alice)
        let item = { (author: PublicKey, sequence: UInt64, push: Bool) -> OrderedJSON in
            .object([
                ("author", .hex(author.bytes)), ("sequence", .integer(sequence)),
                ("flags", .integer(push ? 1 : 0)),
            ])
        }
        messages = [
            Message(
                name: "communities",
                fields: [
                    ("sessionID", .hex(sessionID)), ("sender", .hex(alice.bytes)),
                    ("proofs", .array([.hex(proof.bytes)])),
                ],
                message: .communities([proof])),
            Message(
                name: "clock",
                fields: [
                    ("note", .string("the first clock of a node holding alice's chain up to 7")),
                    ("items", .array([item(alice, 7, false)])),
                ],
                message: .clock(community: lobby, chains: [ClockItem(author: alice, sequence: 7)])),
            Message(
                name: "clock",
                fields: [
                    (
                        "note",
                        .string(
                            "a request: push alice's chain after 7; bob is refused (2^64 - 1)")
                    ),
                    ("items", .array([item(alice, 7, true), item(bob, .max, false)])),
                ],
                message: .clock(
                    community: lobby,
                    chains: [
                        ClockItem(author: alice, sequence: 7, push: true),
                        ClockItem(author: bob, sequence: .max),
                    ])),
            Message(
                name: "clock",
                fields: [
                    ("note", .string("the empty message that ends a first clock of no chains")),
                    ("items", .array([])),
                ],
                message: .clock(community: lobby, chains: [])),
            Message(
                name: "entry", fields: [("entry", .hex(entry.bytes))],
                message: .entry(entry.bytes)),
            Message(
                name: "ping", fields: [("nonce", .integer(0x0102_0304_0506_0708))],
                message: .ping(nonce: 0x0102_0304_0506_0708)),
            Message(
                name: "pong", fields: [("nonce", .integer(0x0102_0304_0506_0708))],
                message: .pong(nonce: 0x0102_0304_0506_0708)),
            Message(
                name: "goodbye",
                fields: [("reason", .integer(5)), ("text", .string("rebalancing"))],
                message: .goodbye(.rebalancing, text: "rebalancing")),
        ]
        let pair = [
            ClockItem(author: alice, sequence: 7), ClockItem(author: bob, sequence: 3),
        ]
        let many = (1...20).map { index in
            ClockItem(
                author: (try? PublicKey(
                    bytes: Blake2b.hash256(Array("kith vector author \(index)".utf8))))
                    ?? alice,
                sequence: UInt64(index * index))
        }
        digests = [
            Digest(note: "no chains", items: [], digest: ClockDigest()),
            Digest(
                note: "alice's chain at 7 (the example of replication.md)",
                items: [pair[0]], digest: ClockDigest([pair[0]])),
            Digest(note: "alice at 7 and bob at 3", items: pair, digest: ClockDigest(pair)),
            Digest(
                note:
                    "20 authors whose keys are BLAKE2b-256(\"kith vector author N\"), N = 1 to 20, at sequence N × N",
                items: many, digest: ClockDigest(many)),
        ]
    }

    private static func u64Hex(_ value: UInt64) -> OrderedJSON {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(value)
        return .hex(bytes)
    }

    /// The JSON document of replication.json.
    var document: OrderedJSON {
        get throws {
            var messageList: [OrderedJSON] = []
            for message in messages {
                messageList.append(
                    .object(
                        [("type", .string(message.name))] + message.fields + [
                            ("hex", .hex(try message.message.encoded()))
                        ]))
            }
            let digestMessage = ReplicationMessage.digest(
                community: DefaultCommunity.id, digests[2].digest)
            messageList.append(
                .object([
                    ("type", .string("digest")),
                    ("note", .string("the digest of alice at 7 and bob at 3 (digests[2])")),
                    ("hex", .hex(try digestMessage.encoded())),
                ]))
            let digestList: [OrderedJSON] = digests.map { digest in
                .object([
                    ("note", .string(digest.note)),
                    (
                        "items",
                        .array(
                            digest.items.map { item in
                                .object([
                                    ("author", .hex(item.author.bytes)),
                                    ("sequence", .integer(item.sequence)),
                                    (
                                        "bucket",
                                        .integer(UInt64(ClockDigest.bucket(of: item.author)))
                                    ),
                                    (
                                        "value",
                                        Self.u64Hex(
                                            ClockDigest.value(
                                                author: item.author, sequence: item.sequence))
                                    ),
                                ])
                            })
                    ),
                    (
                        "buckets",
                        .array(
                            digest.digest.buckets.map { bucket in
                                .object([
                                    ("count", .integer(UInt64(bucket.count))),
                                    ("hash", Self.u64Hex(bucket.hash)),
                                ])
                            })
                    ),
                ])
            }
            return .object([
                (
                    "description",
                    .string(
                        "Replication messages (replication.md, \"Messages\") in the default community, "
                            + "each with the fields it carries and its bytes (type byte first), and clock "
                            + "digests (\"Digests\"): each chain's bucket and item value, and the 16 buckets."
                    )
                ),
                ("community", .hex(DefaultCommunity.id.bytes)),
                ("alice", .hex(sources.alice.publicKey.bytes)),
                ("bob", .hex(sources.bob.publicKey.bytes)),
                ("messages", .array(messageList)),
                ("digests", .array(digestList)),
            ])
        }
    }
}
