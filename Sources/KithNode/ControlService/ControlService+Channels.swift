import KithControl
import KithCore
import KithStorage

extension ControlService {
    /// `channels`: the channels of a community (those with a post or a topic), by name, with
    /// their post count, latest post time and current topic (Protocol/control.md).
    func answerChannels(in requested: CommunityID?) throws(ControlRequestError) -> ControlResponse {
        let community = try controlCommunity(requested)
        let channels = store.channels(in: community).map { name, state in
            let topic = store.topic(of: ChannelKey(community: community, channel: name))
            let lastPost = state.lastOrdinal.flatMap { try? store.entry(atOrdinal: $0) }
            return ControlChannel(
                name: name, postCount: state.count, lastTimestamp: lastPost?.timestamp,
                topic: topic?.topic.text, topicAuthor: topic?.author)
        }
        return .channelList(channels)
    }

    /// `topic`: signs and appends a topic entry (an empty text clears the topic), answering with
    /// the new entry (Protocol/control.md).
    func answerTopic(_ topic: Topic, in requested: CommunityID?) throws(ControlRequestError)
        -> ControlResponse
    {
        let community = try controlCommunity(requested)
        return answerPublishing(.topic, content: topic.encoded(), in: community)
    }
}
