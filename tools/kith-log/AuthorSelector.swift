import KithCore

/// An `--author` value: a whole public key in hex, or the start of a fingerprint (with or without
/// its dashes), such as `3f2a-9c01` or `3f2a9c01`.
enum AuthorSelector: Hashable, Sendable {
    /// Exactly this key.
    case key(PublicKey)
    /// Keys whose fingerprint, as 16 hex digits without dashes, starts with these digits.
    case fingerprintPrefix(String)

    /// Parses the option's value, or returns nil when it is neither form.
    init?(_ text: String) {
        let digits = text.lowercased().filter { $0 != "-" }
        guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
        if digits.count == 2 * PublicKey.byteCount {
            guard let key = try? PublicKey(hex: digits) else { return nil }
            self = .key(key)
        } else if digits.count <= 16 {
            self = .fingerprintPrefix(digits)
        } else {
            return nil
        }
    }

    /// Whether `author` is selected.
    func matches(_ author: PublicKey) -> Bool {
        switch self {
        case .key(let key):
            return key == author
        case .fingerprintPrefix(let prefix):
            return author.fingerprint.full.filter { $0 != "-" }.hasPrefix(prefix)
        }
    }
}
