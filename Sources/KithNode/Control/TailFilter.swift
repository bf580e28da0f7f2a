import KithCore

/// Which appended entries a `tail` subscription receives (Protocol/control.md).
struct TailFilter {
    /// Only entries of this community; nil for every community.
    let community: CommunityID?
    /// Only posts to this channel; nil for every entry.
    let channel: ChannelName?

    /// The filter a `tail` request asks for; a sentence for the client when it is not valid.
    static func parse(_ request: ControlRequest, communities: [CommunityID]) -> Result<
        TailFilter, ControlRequestError
    > {
        var community: CommunityID?
        if let text = request.community {
            guard let id = try? CommunityID(hex: text), communities.contains(id) else {
                return .failure(.unknownCommunity(text))
            }
            community = id
        }
        var channel: ChannelName?
        if let text = request.channel {
            guard let name = try? ChannelName(userInput: text) else {
                return .failure(.invalidField("channel", text))
            }
            channel = name
        }
        return .success(TailFilter(community: community, channel: channel))
    }

    /// Whether `entry` is one the subscription receives.
    func matches(_ entry: Entry) -> Bool {
        if let community, entry.community != community { return false }
        guard let channel else { return true }
        guard case .post(let post) = entry.decodedContent else { return false }
        return post.channel == channel
    }
}

/// Why the node refused a control request; the `error` of its answer.
enum ControlRequestError: Error, CustomStringConvertible {
    /// A field the op needs is missing.
    case missingField(String)
    /// A field's value is not valid.
    case invalidField(String, String)
    /// The community is not one the node is in (or not a 64-hex-digit id).
    case unknownCommunity(String)
    /// The node could not publish the entry.
    case cannotPublish(String)

    var description: String {
        switch self {
        case .missingField(let field): "missing field '\(field)'"
        case .invalidField(let field, let reason): "invalid '\(field)': \(reason)"
        case .unknownCommunity(let text): "not a community of this node: '\(text)'"
        case .cannotPublish(let reason): "cannot publish: \(reason)"
        }
    }
}
