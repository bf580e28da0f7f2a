import KithControl
import KithCore
import KithStorage

extension NodeRuntime {
    /// `post`: signs and appends a post, answering with the new entry once it is durable
    /// (Protocol/control.md): through `later`, when the posts of the batch it joined are
    /// committed together (``commitPostsAwaitingSync()``), or at once with why it was refused.
    func answerPost(
        _ post: Post, in requested: CommunityID?, later: @escaping (ControlResponse) -> Void
    ) -> ControlResponse? {
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(requested)
        } catch {
            return .refused(error)
        }
        switch appendOwn(contentType: .post, content: post.encoded(), in: community) {
        case .success(let entry):
            postsAwaitingSync.append((entry, later))
            return nil
        case .failure(let error):
            return .refused(.cannotPublish("\(error)"))
        }
    }

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
        switch publish(contentType: contentType, content: content, in: community) {
        case .success(let entry):
            return publishedAnswer(entry)
        case .failure(let error):
            return .refused(.cannotPublish("\(error)"))
        }
    }

    /// `nick`: sets the display name in one community, or in every one the node is in.
    func answerNick(_ name: DisplayName, in requested: CommunityID?) -> ControlResponse {
        let about = About(name: name)
        let targets: [CommunityID]
        do throws(ControlRequestError) {
            targets = requested == nil ? communities.map(\.id) : [try controlCommunity(requested)]
        } catch {
            return .refused(error)
        }
        for community in targets {
            switch publish(contentType: .about, content: about.encoded(), in: community) {
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
            guard let first = communities.first else {
                throw .unknownCommunity("(default)")
            }
            return first.id
        }
        guard communities.contains(where: { $0.id == requested }) else {
            throw .unknownCommunity(requested.hex)
        }
        return requested
    }
}
