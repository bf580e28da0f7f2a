import KithCore

/// A `--type` value: `post`, `about`, `topic`, or a content type code in decimal or `0x` hex.
struct ContentTypeSelector: Hashable, Sendable {
    /// The selected type.
    let type: ContentType

    /// Parses the option's value, or returns nil when it is not a type name or a 16-bit code.
    init?(_ text: String) {
        let lowered = text.lowercased()
        switch lowered {
        case "post": type = .post
        case "about": type = .about
        case "topic": type = .topic
        default:
            let code =
                lowered.hasPrefix("0x") ? UInt16(lowered.dropFirst(2), radix: 16) : UInt16(lowered)
            guard let code else { return nil }
            type = ContentType(rawValue: code)
        }
    }
}
