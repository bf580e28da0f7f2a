import KithCore

/// A `--type` value: a content type's name (`post`, `about`, `private`, `topic`: the names `dump`
/// prints), or a content type code in decimal or `0x` hex.
struct ContentTypeSelector: Hashable, Sendable {
    /// The named content types, in code order.
    static let namedTypes: [ContentType] = [.post, .about, .privateMessage, .topic]

    /// The names accepted, for help and error messages: `post, about, private, topic`.
    static var names: String { namedTypes.compactMap(\.name).joined(separator: ", ") }

    /// The selected type.
    let type: ContentType

    /// Parses the option's value, or returns nil when it is not a type name or a 16-bit code.
    init?(_ text: String) {
        let lowered = text.lowercased()
        if let named = Self.namedTypes.first(where: { $0.name == lowered }) {
            type = named
            return
        }
        let code =
            lowered.hasPrefix("0x") ? UInt16(lowered.dropFirst(2), radix: 16) : UInt16(lowered)
        guard let code else { return nil }
        type = ContentType(rawValue: code)
    }
}
