import KithControl
import KithCore
import KithStorage

extension ControlService {
    /// The answer to a request that published `entry`: the entry as `tail` shows it.
    func publishedAnswer(_ entry: Entry) -> ControlResponse {
        let name = store.displayName(of: entry.chain)?.name
        return .appended(
            controlEntry(DeliveredEntry(entry: entry, authorName: name, isOwn: true)))
    }

    /// Signs and appends an entry of the node's chain, answering with it (its opened text too,
    /// for a private message) or with why it could not be published.
    func answerPublishing(_ contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> ControlResponse
    {
        switch host.publish(contentType: contentType, content: content, in: community) {
        case .success(let entry):
            return publishedAnswer(entry)
        case .failure(let error):
            return .refused(.cannotPublish("\(error)"))
        }
    }

    /// `nick`: sets the display name in one community, or in every one the node is in.
    func answerNick(_ name: DisplayName, in requested: CommunityID?) throws(ControlRequestError)
        -> ControlResponse
    {
        let about = About(name: name)
        let targets = requested == nil ? host.communityIDs : [try controlCommunity(requested)]
        for community in targets {
            switch host.publish(contentType: .about, content: about.encoded(), in: community) {
            case .success: continue
            case .failure(let error):
                return .refused(.cannotPublish("\(error)"))
            }
        }
        return .nameSet(communities: targets.map(\.hex))
    }

    /// The community a request names, if the node is in it, or the node's first community
    /// when it names none.
    func controlCommunity(_ requested: CommunityID?) throws(ControlRequestError) -> CommunityID {
        guard let requested else {
            guard let first = host.communityIDs.first else {
                throw .unknownCommunity("(default)")
            }
            return first
        }
        guard host.communityIDs.contains(requested) else {
            throw .unknownCommunity(requested.hex)
        }
        return requested
    }
}
