import KithCore
import KithStorage

extension NodeRuntime {
    /// `channels`: the channels of a community (those with a post or a topic), by name, with
    /// their post count, latest post time and current topic (Protocol/control.md).
    func answerChannels(_ request: ControlRequest) -> ControlResponse {
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
        } catch {
            return ControlResponse(error: "\(error)")
        }
        let channels = store.channels(in: community).map { name, state in
            let topic = store.topic(of: ChannelKey(community: community, channel: name))
            let lastPost = state.lastOrdinal.flatMap { try? store.entry(atOrdinal: $0) }
            return ControlChannel(
                name: name.name, postCount: state.count, lastTimestamp: lastPost?.timestamp,
                topic: topic?.topic.text, topicAuthor: topic?.author.hex)
        }
        return ControlResponse(channels: channels)
    }

    /// `topic`: signs and appends a topic entry (an empty text clears the topic), answering with
    /// the new entry (Protocol/control.md).
    func answerTopic(_ request: ControlRequest) -> ControlResponse {
        let topic: Topic
        let community: CommunityID
        do throws(ControlRequestError) {
            community = try controlCommunity(request.community)
            let channel = try controlChannel(request.channel)
            guard let text = request.text else { throw .missingField("text") }
            do {
                topic = try Topic(channel: channel, text: text)
            } catch {
                throw .invalidField("text", "\(error)")
            }
        } catch {
            return ControlResponse(error: "\(error)")
        }
        return answerPublishing(.topic, content: topic.encoded(), in: community)
    }
}
