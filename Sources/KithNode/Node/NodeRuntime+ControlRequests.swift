import KithCore
import KithStorage

extension NodeRuntime {
    /// `post`: signs and appends a post, answering with the new entry once it is durable
    /// (Protocol/control.md): through `later`, when the posts of the batch it joined are
    /// committed together (``commitPostsAwaitingSync()``), or at once with why it was refused.
    func answerPost(_ request: ControlRequest, later: @escaping (ControlResponse) -> Void)
        -> ControlResponse?
    {
        let post: Post
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
            guard let text = request.text else { throw .missingField("text") }
            let channel = try controlChannel(request.channel ?? "general")
            do {
                post = try Post(channel: channel, text: text)
            } catch {
                throw .invalidField("text", "\(error)")
            }
        } catch {
            return ControlResponse(error: "\(error)")
        }
        switch appendOwn(contentType: .post, content: post.encoded(), in: community) {
        case .success(let entry):
            postsAwaitingSync.append((entry, later))
            return nil
        case .failure(let error):
            return ControlResponse(error: "\(ControlRequestError.cannotPublish("\(error)"))")
        }
    }

    /// The answer to a request that published `entry`: the entry as `tail` shows it.
    func publishedAnswer(_ entry: Entry) -> ControlResponse {
        let name = store.displayName(of: entry.chain)?.name
        return ControlResponse(
            entry: controlEntry(DeliveredEntry(entry: entry, authorName: name, isOwn: true)))
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
            return ControlResponse(error: "\(ControlRequestError.cannotPublish("\(error)"))")
        }
    }

    /// The channel a request names (`general` or `#general`).
    func controlChannel(_ text: String?) throws(ControlRequestError) -> ChannelName {
        guard let text else { throw .missingField("channel") }
        do {
            return try ChannelName(userInput: text)
        } catch {
            throw .invalidField("channel", "\(error)")
        }
    }

    /// `nick`: sets the display name in one community, or in every one the node is in.
    func answerNick(_ request: ControlRequest) -> ControlResponse {
        let about: About
        let targets: [CommunityID]
        do throws(ControlRequestError) {
            guard let name = request.name else { throw .missingField("name") }
            do {
                about = About(name: try DisplayName(name))
            } catch {
                throw .invalidField("name", "\(error)")
            }
            targets =
                request.community == nil
                ? communities.map(\.id) : [try controlCommunity(request.community)]
        } catch {
            return ControlResponse(error: "\(error)")
        }
        for community in targets {
            switch publish(contentType: .about, content: about.encoded(), in: community) {
            case .success: continue
            case .failure(let error):
                return ControlResponse(error: "\(ControlRequestError.cannotPublish("\(error)"))")
            }
        }
        return ControlResponse(communities: targets.map(\.hex))
    }

    /// The community a request names by id, or the node's first community when it names none.
    func controlCommunity(_ text: String?) throws(ControlRequestError) -> CommunityID {
        guard let text else {
            guard let first = communities.first else {
                throw .unknownCommunity("(default)")
            }
            return first.id
        }
        guard let id = try? CommunityID(hex: text),
            communities.contains(where: { $0.id == id })
        else { throw .unknownCommunity(text) }
        return id
    }
}
