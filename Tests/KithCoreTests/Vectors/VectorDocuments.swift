import KithCore
import KithTestSupport

/// The three vector files as JSON text.
enum VectorDocuments {
    /// File name and contents of every vector file.
    static func all() throws -> [(fileName: String, text: String)] {
        let sources = try VectorSources()
        let set = try EntryVectorSet(sources: sources)
        return [
            ("identity.json", identity(sources).rendered()),
            ("communities.json", communities(sources).rendered()),
            ("entries.json", entries(set).rendered()),
            ("private.json", try PrivateVectorDocument.render(sources).rendered()),
        ]
    }

    static let identityMessage = utf8("kith identity vector")

    static func identity(_ sources: VectorSources) -> OrderedJSON {
        let keys = [sources.alice, sources.bob, sources.rfc8032Test1].map { key -> OrderedJSON in
            let publicKey = key.key.publicKey
            let fingerprint = publicKey.fingerprint
            return .object([
                ("name", .string(key.name)),
                ("seedSource", .string(key.seedSource)),
                ("seed", .string(TestHex.encode(key.seed))),
                ("publicKey", .string(publicKey.hex)),
                ("fingerprintDigest", .string(TestHex.encode(Blake2b.hash256(publicKey.bytes)))),
                ("fingerprint", .string(fingerprint.full)),
                ("fingerprintShort", .string(fingerprint.short)),
                ("keyFile", .string(TestHex.encode(utf8("KITHKEY1") + key.seed))),
                ("message", .string(TestHex.encode(identityMessage))),
                ("signature", .string(key.key.signature(for: identityMessage).hex)),
            ])
        }
        return .object([
            (
                "description",
                .string(
                    "Ed25519 keys from fixed seeds (identity.md): public key, fingerprint "
                        + "(BLAKE2b-256 of the public key, first 8 bytes as four groups of four hex "
                        + "digits), the 40-byte key file, and the signature of 'message'.")
            ),
            ("keys", .array(keys)),
        ])
    }

    static func communities(_ sources: VectorSources) -> OrderedJSON {
        func community(_ community: VectorCommunity) -> OrderedJSON {
            .object([
                ("name", .string(community.name)),
                ("keySource", .string(community.keySource)),
                ("key", .string(community.key.hex)),
                ("id", .string(community.key.id.hex)),
            ])
        }
        return .object([
            (
                "description",
                .string(
                    "Community keys and ids (communities.md): "
                        + "id = BLAKE2b-256(key: community key, \"\(CommunityKey.idDerivationMessage)\")."
                )
            ),
            ("idDerivationMessage", .string(CommunityKey.idDerivationMessage)),
            ("default", community(sources.lobby)),
            ("communities", .array([community(sources.garden), community(sources.workshop)])),
        ])
    }

    static func entries(_ set: EntryVectorSet) -> OrderedJSON {
        let sources = set.sources
        let authors = [sources.alice, sources.bob].map { key -> OrderedJSON in
            .object([
                ("name", .string(key.name)),
                ("seedSource", .string(key.seedSource)),
                ("seed", .string(TestHex.encode(key.seed))),
                ("publicKey", .string(key.key.publicKey.hex)),
            ])
        }
        let communities = [sources.lobby, sources.garden].map { community -> OrderedJSON in
            .object([("name", .string(community.name)), ("id", .string(community.key.id.hex))])
        }
        return .object([
            (
                "description",
                .string(
                    "Entries (entries.md) from fixed seeds and timestamps, single-entry validation "
                        + "cases with the first rule each breaks, and chain steps: the entries fed "
                        + "one by one to an empty log, with the decision for each; the current "
                        + "topic of each channel that has topic entries (content.md).")
            ),
            ("authors", .array(authors)),
            ("communities", .array(communities)),
            ("entries", .array(set.entries.map(entry))),
            ("invalid", .array(set.invalid.map(invalid))),
            ("chainSteps", .array(set.steps.map(step))),
            ("currentTopics", .array(currentTopics(set.entries))),
        ])
    }

    /// For each channel with well-formed topic entries among `vectors`, the winning one
    /// (greatest timestamp, then greatest id), by community name and channel.
    static func currentTopics(_ vectors: [EntryVector]) -> [OrderedJSON] {
        var winners: [String: (vector: EntryVector, topic: Topic)] = [:]
        for vector in vectors {
            guard case .topic(let topic) = vector.entry.decodedContent else { continue }
            let key = vector.community.name + "\u{0}" + topic.channel.name
            if let current = winners[key]?.vector.entry,
                !Topic.isNewer(
                    timestamp: vector.entry.timestamp, id: vector.entry.id,
                    than: current.timestamp, id: current.id)
            {
                continue
            }
            winners[key] = (vector, topic)
        }
        return winners.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
            .object([
                ("community", .string($0.value.vector.community.name)),
                ("channel", .string($0.value.topic.channel.name)),
                ("entry", .string($0.value.vector.name)),
                ("text", .string($0.value.topic.text)),
            ])
        }
    }

    private static func entry(_ vector: EntryVector) -> OrderedJSON {
        let entry = vector.entry
        let fields: OrderedJSON = .object([
            ("version", .integer(UInt64(entry.version))),
            ("community", .string(entry.community.hex)),
            ("author", .string(entry.author.hex)),
            ("sequence", .integer(entry.sequence)),
            ("previous", .string(entry.previous.hex)),
            ("timestamp", .integer(entry.timestamp)),
            ("contentType", .integer(UInt64(entry.contentType.rawValue))),
            ("contentLength", .integer(UInt64(entry.content.count))),
            ("content", .string(TestHex.encode(entry.content))),
            ("signature", .string(entry.signature.hex)),
        ])
        return .object([
            ("name", .string(vector.name)),
            ("note", .string(vector.note)),
            ("author", .string(vector.author.name)),
            ("community", .string(vector.community.name)),
            ("fields", fields),
            ("decodedContent", content(entry.decodedContent)),
            ("hex", .string(TestHex.encode(entry.bytes))),
            ("id", .string(entry.id.hex)),
        ])
    }

    private static func content(_ content: Content) -> OrderedJSON {
        switch content {
        case .post(let post):
            .object([
                ("kind", .string("post")), ("channel", .string(post.channel.name)),
                ("text", .string(post.text)),
            ])
        case .about(let about):
            .object([("kind", .string("about")), ("name", .string(about.name.name))])
        case .topic(let topic):
            .object([
                ("kind", .string("topic")), ("channel", .string(topic.channel.name)),
                ("text", .string(topic.text)),
            ])
        case .private(let sealed):
            .object([
                ("kind", .string("private")), ("version", .integer(UInt64(sealed.bytes[0]))),
                ("ephemeralPublic", .string(TestHex.encode(sealed.bytes[1..<33]))),
                ("nonce", .string(TestHex.encode(sealed.bytes[33..<57]))),
                ("senderSlot", .string(TestHex.encode(sealed.bytes[57..<89]))),
                ("plaintextLength", .integer(UInt64(sealed.bytes.count - 89 - 16))),
            ])
        case .unknown:
            .object([("kind", .string("unknown"))])
        case .malformed:
            .object([("kind", .string("malformed"))])
        }
    }

    private static func invalid(_ vector: InvalidVector) -> OrderedJSON {
        .object([
            ("name", .string(vector.name)),
            ("note", .string(vector.note)),
            ("rule", .string(vector.rule)),
            ("hex", .string(TestHex.encode(vector.bytes))),
        ])
    }

    private static func step(_ step: ChainStep) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("entry", .string(step.entryName))]
        switch step.decision {
        case .append: members.append(("decision", .string("append")))
        case .duplicate: members.append(("decision", .string("duplicate")))
        case .gap(let expected):
            members.append(("decision", .string("gap")))
            members.append(("expected", .integer(expected)))
        case .fork(let kind):
            members.append(("decision", .string("fork")))
            members.append(
                ("forkKind", .string(kind == .sameSequence ? "sameSequence" : "brokenLink")))
        case .forkIgnored: members.append(("decision", .string("forkIgnored")))
        }
        return .object(members)
    }
}
