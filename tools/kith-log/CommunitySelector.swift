import KithCore

/// A `--community NAME|ID` value: a community the home knows by name, or a community id in hex
/// (the whole id or a prefix of at least 8 digits, such as the short id `dump` prints).
struct CommunitySelector: Hashable, Sendable {
    /// The shortest id prefix accepted.
    static let minimumPrefixLength = 8

    /// The text as given (lowercased when it is hex).
    let text: String
    /// Whether the text can be an id prefix.
    let isIDPrefix: Bool

    /// Parses the option's value, or returns nil when it is empty.
    init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        let lowered = text.lowercased()
        isIDPrefix =
            lowered.count >= Self.minimumPrefixLength && lowered.count <= 2 * CommunityID.byteCount
            && lowered.allSatisfy(\.isHexDigit)
        self.text = isIDPrefix ? lowered : text
    }

    /// Whether `id` is selected: the home names it so, or its id starts with the digits.
    func matches(_ id: CommunityID, names: CommunityNames) -> Bool {
        if names.name(of: id) == text { return true }
        return isIDPrefix && id.hex.hasPrefix(text)
    }

    /// Why the value can select nothing in this home, or nil: a name the home does not know
    /// that is not an id either.
    func problem(names: CommunityNames) -> String? {
        guard !isIDPrefix, !names.knows(name: text) else { return nil }
        return "no community named '\(text)' is known to this home: give its id (at least "
            + "\(Self.minimumPrefixLength) hex digits) or a name from 'kith community list'"
    }
}
