import KithCore

/// Which appended entries a `tail` subscription receives (Protocol/control.md).
struct TailFilter {
    /// Only entries of this community; nil for every community.
    let community: CommunityID?
    /// Only posts to this channel; nil for every entry.
    let channel: ChannelName?

    /// Whether `entry` is one the subscription receives.
    func matches(_ entry: Entry) -> Bool {
        if let community, entry.community != community { return false }
        guard let channel else { return true }
        guard case .post(let post) = entry.decodedContent else { return false }
        return post.channel == channel
    }
}
