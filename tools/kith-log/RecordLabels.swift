import KithCore

/// The names `dump` shows beside ids: each community's name where the home knows it, and each
/// author's display name as far as the log has told it so far (pure).
///
/// An author's name is the latest about entry of theirs read so far that was the next entry of
/// its chain, in any community; as a chain is stored in order, an author's first about comes
/// before the rest of that chain.
struct RecordLabels: Sendable {
    /// The home's community names.
    var communities: CommunityNames
    /// Author names learned from the log.
    private(set) var authorNames: [PublicKey: String] = [:]

    /// Labels from `communities` and no author name yet.
    init(communities: CommunityNames = CommunityNames()) {
        self.communities = communities
    }

    /// Learns an author's name from `record` when it is an about entry taken into its chain.
    mutating func learn(from record: ScannedRecord) {
        guard case .entry(_, let entry, .next) = record,
            case .about(let about) = entry.decodedContent
        else { return }
        authorNames[entry.author] = about.name.name
    }

    /// The author's display name, if known.
    func authorName(_ key: PublicKey) -> String? { authorNames[key] }
}
