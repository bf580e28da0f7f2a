import KithCore

/// Where messages arrived that the person has not looked at: joined channels other than the
/// current one, in any community the chat holds (irssi's `[Act: 2,3]`). Pure bookkeeping.
struct ChatActivity: Sendable, Equatable {
    /// A channel of a community.
    struct Place: Hashable, Sendable {
        var community: CommunityID
        var channel: ChannelName
    }

    /// What arrived in one place.
    struct Count: Sendable, Equatable {
        /// How many posts.
        var posts: Int
        /// Whether one of them mentions the person.
        var mentioned: Bool
        /// When activity there began (a counter): older first.
        var since: Int
    }

    private(set) var places: [Place: Count] = [:]
    private var counter = 0

    var isEmpty: Bool { places.isEmpty }

    /// Notes a post in `place`.
    mutating func note(_ place: Place, mentioning: Bool) {
        counter += 1
        var count = places[place] ?? Count(posts: 0, mentioned: false, since: counter)
        count.posts += 1
        count.mentioned = count.mentioned || mentioning
        places[place] = count
    }

    /// Forgets `place` (the person went there); true when it had activity.
    @discardableResult
    mutating func clear(_ place: Place) -> Bool {
        places.removeValue(forKey: place) != nil
    }

    /// The places with activity, in the order they began.
    var ordered: [(place: Place, count: Count)] {
        places.map { ($0.key, $0.value) }.sorted { $0.count.since < $1.count.since }
    }

    /// Where `/next` goes: the oldest place with a mention, else the oldest place.
    var next: Place? {
        let ordered = ordered
        return (ordered.first { $0.count.mentioned } ?? ordered.first)?.place
    }
}
