import KithCore
import KithStorage

extension NodeRuntime {
    /// `post`: signs and appends a post, answering with the new entry (Protocol/control.md).
    func answerPost(_ request: ControlRequest) -> ControlResponse {
        let post: Post
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
            guard let text = request.text else { throw .missingField("text") }
            let channel: ChannelName
            do {
                channel = try ChannelName(userInput: request.channel ?? "general")
            } catch {
                throw .invalidField("channel", "\(error)")
            }
            do {
                post = try Post(channel: channel, text: text)
            } catch {
                throw .invalidField("text", "\(error)")
            }
        } catch {
            return ControlResponse(error: "\(error)")
        }
        switch publish(contentType: .post, content: post.encoded(), in: community) {
        case .success(let entry):
            let name = store.displayName(of: entry.chain)?.name
            return ControlResponse(
                entry: ControlEntry(DeliveredEntry(entry: entry, authorName: name, isOwn: true)))
        case .failure(let error):
            return ControlResponse(error: "\(ControlRequestError.cannotPublish("\(error)"))")
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
                ? configuration.communities.map(\.id) : [try controlCommunity(request.community)]
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
            guard let first = configuration.communities.first else {
                throw .unknownCommunity("(default)")
            }
            return first.id
        }
        guard let id = try? CommunityID(hex: text),
            configuration.communities.contains(where: { $0.id == id })
        else { throw .unknownCommunity(text) }
        return id
    }
}
