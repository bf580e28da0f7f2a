import KithControl
import KithCore

extension ChatSession {
    /// Counts `item` as activity when it is someone else's post in a joined channel other than
    /// the current one (in another community, its joined channels or else `#general`). Returns
    /// whether the activity list changed.
    mutating func noteActivity(_ item: ControlEntry) -> Bool {
        let entry = item.entry
        guard entry.author != configuration.ownKey, case .post(let post) = entry.decodedContent
        else { return false }
        let place = ChatActivity.Place(community: entry.community, channel: post.channel)
        guard communities.contains(where: { $0.id == entry.community }),
            place != currentPlace,
            channelsCounted(in: entry.community).contains(post.channel)
        else { return false }
        let mentions = entry.community == community.id && mentionsReader(post.text)
        activity.note(place, mentioning: mentions)
        return true
    }

    /// The channels whose posts count as activity in `id`.
    private func channelsCounted(in id: CommunityID) -> [ChannelName] {
        if let channels = joined[id] { return channels }
        return (try? ChannelName("general")).map { [$0] } ?? []
    }

    /// Where typed lines go now.
    var currentPlace: ChatActivity.Place {
        ChatActivity.Place(community: community.id, channel: channel)
    }

    /// The most places the prompt lists; more are counted (`+3`) so the prompt stays short.
    static let activityShown = 4

    /// The activity list as the prompt shows it: ` [act: #dev 2, garden/#general 1!]`, `!`
    /// marking a mention, mentions first beyond ``activityShown`` places (`, +3`); empty
    /// when there is none.
    var activityText: String {
        guard !activity.isEmpty else { return "" }
        var ordered = activity.ordered
        if ordered.count > Self.activityShown {
            ordered = ordered.filter(\.count.mentioned) + ordered.filter { !$0.count.mentioned }
        }
        var items = ordered.prefix(Self.activityShown).map { place, count in
            let name =
                place.community == community.id
                ? place.channel.description
                : "\(communityName(place.community))/\(place.channel)"
            return "\(name) \(count.posts)\(count.mentioned ? "!" : "")"
        }
        if ordered.count > Self.activityShown {
            items.append("+\(ordered.count - Self.activityShown)")
        }
        return " [act: " + items.joined(separator: ", ") + "]"
    }

    /// `/next` (or Alt-a): goes to the channel with activity that matters most (a mention
    /// first, else the oldest), switching community when it is in another one.
    mutating func nextActivity() -> [ChatAction] {
        guard let place = activity.next else {
            return [notice("no activity elsewhere")]
        }
        activity.clear(place)
        guard place.community == community.id else {
            guard let target = communities.first(where: { $0.id == place.community }) else {
                return [.setPrompt(prompt)]
            }
            // The channel becomes the last joined: switching makes it current.
            let others = (joined[target.id] ?? []).filter { $0 != place.channel }
            joined[target.id] = others + [place.channel]
            return switchActions(to: target)
        }
        return run(.join(place.channel))
    }
}
