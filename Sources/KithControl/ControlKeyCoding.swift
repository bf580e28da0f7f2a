import KithCore

/// Public keys in the control socket's JSON: 64 hex digits.
enum ControlKeyCoding {
    /// The key at `key`; a value that is not 64 hex digits is an error.
    static func decode<Key: CodingKey>(_ key: Key, in container: KeyedDecodingContainer<Key>)
        throws -> PublicKey
    {
        let text = try container.decode(String.self, forKey: key)
        guard let parsed = try? PublicKey(hex: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not a public key of 64 hex digits")
        }
        return parsed
    }

    /// The key at `key`, nil when absent; a value that is not 64 hex digits is an error.
    static func decodeIfPresent<Key: CodingKey>(
        _ key: Key, in container: KeyedDecodingContainer<Key>
    ) throws -> PublicKey? {
        guard container.contains(key) else { return nil }
        return try decode(key, in: container)
    }
}
