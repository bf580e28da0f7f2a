import Foundation

/// `identity.json`, as read back by the tests.
struct IdentityVectors: Decodable {
    struct Key: Decodable {
        var name: String
        var seedSource: String
        var seed: String
        var publicKey: String
        var fingerprintDigest: String
        var fingerprint: String
        var fingerprintShort: String
        var keyFile: String
        var message: String
        var signature: String
    }
    var keys: [Key]
}

/// `communities.json`, as read back by the tests.
struct CommunityVectors: Decodable {
    struct Community: Decodable {
        var name: String
        var keySource: String
        var key: String
        var id: String
    }
    var idDerivationMessage: String
    var `default`: Community
    var communities: [Community]
}

/// `entries.json`, as read back by the tests.
struct EntryVectors: Decodable {
    struct Author: Decodable {
        var name: String
        var seedSource: String
        var seed: String
        var publicKey: String
    }
    struct Community: Decodable {
        var name: String
        var id: String
    }
    struct Fields: Decodable {
        var version: UInt8
        var community: String
        var author: String
        var sequence: UInt64
        var previous: String
        var timestamp: UInt64
        var contentType: UInt16
        var contentLength: Int
        var content: String
        var signature: String
    }
    struct DecodedContent: Decodable {
        var kind: String
        var channel: String?
        var text: String?
        var name: String?
        var version: Int?
        var ephemeralPublic: String?
        var nonce: String?
        var senderSlot: String?
        var plaintextLength: Int?
    }
    struct Entry: Decodable {
        var name: String
        var note: String
        var author: String
        var community: String
        var fields: Fields
        var decodedContent: DecodedContent
        var hex: String
        var id: String
    }
    struct Invalid: Decodable {
        var name: String
        var note: String
        var rule: String
        var hex: String
    }
    struct Step: Decodable {
        var entry: String
        var decision: String
        var expected: UInt64?
        var forkKind: String?
    }
    var authors: [Author]
    var communities: [Community]
    var entries: [Entry]
    var invalid: [Invalid]
    struct CurrentTopic: Decodable {
        var community: String
        var channel: String
        var entry: String
        var text: String
    }
    var chainSteps: [Step]
    var currentTopics: [CurrentTopic]
}

/// Reads and decodes one vector file.
func loadVectors<Document: Decodable>(_ type: Document.Type, file: String) throws -> Document {
    let data = try Data(contentsOf: RepositoryPaths.vectors.appendingPathComponent(file))
    return try JSONDecoder().decode(type, from: data)
}
