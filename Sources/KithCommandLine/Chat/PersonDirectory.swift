import KithCore

/// The people a chat knows, for turning what someone types (a name, a fingerprint, a key prefix)
/// into a key, and a key into a label that cannot pass one person off as another.
///
/// Pure: built from a list, no IO. Names never decide alone when several people share one.
public struct PersonDirectory: Sendable {
    /// The fewest hex digits a fingerprint or key prefix may have.
    public static let minimumHexDigits = 8

    /// The outcome of looking someone up.
    public enum Resolution: Hashable, Sendable {
        /// Exactly one person matches.
        case person(PublicKey)
        /// Several people match (a shared name, or a shared prefix): ask for a fingerprint.
        /// Ordered by when they were first seen.
        case ambiguous([Candidate])
        /// No one matches.
        case notFound
    }

    /// One of several people a query matched, with what tells them apart.
    public struct Candidate: Hashable, Sendable, CustomStringConvertible {
        /// The person's key.
        public let key: PublicKey
        /// Their display name, if any.
        public let displayName: String?
        /// Their full fingerprint, e.g. `3f2a-9c01-7be4-55d0`.
        public let fingerprint: String

        /// `alice (3f2a-9c01-7be4-55d0)`.
        public var description: String {
            "\(displayName ?? PersonDirectory.anonymousName) (\(fingerprint))"
        }
    }

    /// What a person without a name is called.
    public static let anonymousName = "anonymous"

    /// One entry per key, ordered by first sighting (then by key, for equal orders).
    private let people: [KnownPerson]

    /// A directory of `people`. When a key appears more than once, the last entry's name is kept
    /// (the current one) with the earliest first-seen order.
    public init(people: [KnownPerson]) {
        var byKey: [PublicKey: KnownPerson] = [:]
        for person in people {
            let order = min(byKey[person.key]?.firstSeenOrder ?? Int.max, person.firstSeenOrder)
            byKey[person.key] = KnownPerson(
                key: person.key, displayName: person.displayName, firstSeenOrder: order)
        }
        self.people = byKey.values.sorted(by: Self.seenEarlier)
    }

    /// Who `query` names. A query made of at least 8 hex digits (dashes allowed) is matched
    /// against fingerprints and, without dashes, key prefixes; such a match wins over any display
    /// name, so nobody can hide a person by taking their fingerprint as a name. Otherwise the
    /// query is compared with display names, ignoring case.
    public func resolve(_ query: String) -> Resolution {
        let trimmed = Self.trimmed(query)
        guard !trimmed.isEmpty else { return .notFound }
        let byIdentifier = people.filter { Self.identifierMatches(trimmed, $0.key) }
        let matches =
            byIdentifier.isEmpty
            ? people.filter { Self.sameName($0.displayName, trimmed) } : byIdentifier
        switch matches.count {
        case 0: return .notFound
        case 1: return .person(matches[0].key)
        default:
            return .ambiguous(
                matches.map {
                    Candidate(
                        key: $0.key, displayName: $0.displayName, fingerprint: $0.fingerprint.full)
                })
        }
    }

    /// How a person is shown: `alice (3f2a-9c01)`, with ` [not the first alice]` when someone seen
    /// earlier already used that name (ignoring case), and `anonymous` for no name.
    public func label(for key: PublicKey) -> String {
        let person = people.first { $0.key == key }
        let name = person?.displayName ?? Self.anonymousName
        let base = "\(name) (\(key.fingerprint.short))"
        guard let person, reusesEarlierName(person) else { return base }
        return base + " [not the first \(name)]"
    }

    /// Whether the person with `key` took a display name that someone seen earlier already used.
    public func reusesEarlierName(_ key: PublicKey) -> Bool {
        guard let person = people.first(where: { $0.key == key }) else { return false }
        return reusesEarlierName(person)
    }

    private func reusesEarlierName(_ person: KnownPerson) -> Bool {
        guard let name = person.displayName else { return false }
        return people.contains {
            $0.key != person.key && Self.seenEarlier($0, person)
                && Self.sameName($0.displayName, name)
        }
    }

    /// Whether `query` is a fingerprint (full or partial, at least 8 digits, dashes optional) of
    /// `key`, or a prefix of its hex (at least 8 digits, no dashes).
    private static func identifierMatches(_ query: String, _ key: PublicKey) -> Bool {
        let hasDashes = query.contains("-")
        let digits = query.filter { $0 != "-" }.lowercased()
        guard digits.count >= minimumHexDigits, digits.allSatisfy(\.isHexDigit) else {
            return false
        }
        let fingerprintDigits = key.fingerprint.full.filter { $0 != "-" }
        if fingerprintDigits.hasPrefix(digits) { return true }
        return !hasDashes && key.hex.hasPrefix(digits)
    }

    private static func sameName(_ name: String?, _ query: String) -> Bool {
        guard let name else { return false }
        return name.lowercased() == query.lowercased()
    }

    private static func seenEarlier(_ first: KnownPerson, _ second: KnownPerson) -> Bool {
        if first.firstSeenOrder != second.firstSeenOrder {
            return first.firstSeenOrder < second.firstSeenOrder
        }
        return first.key.hex < second.key.hex
    }

    private static func trimmed(_ text: String) -> String {
        let head = text.drop(while: \.isWhitespace)
        guard let last = head.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(head[...last])
    }
}
