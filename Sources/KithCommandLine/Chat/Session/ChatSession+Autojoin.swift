import KithCore

extension ChatSession {
    /// Joins the channels `chat.conf` lists (``ChatSettings/autojoin``), in their communities,
    /// and opens the chat in the first of them when no community or channel was asked for; a
    /// bare `#channel` is in the community the chat opens in.
    /// What to say about it (the file's mistakes, a community the node is not in, what was
    /// joined) waits in ``settingsReport`` for ``ChatEvent/started``.
    mutating func autojoin() {
        let settings = configuration.settings
        var report = settings.mistakes.map { error($0.description) }
        var targets: [(community: ChatCommunity, channel: ChannelName)] = []
        for item in settings.autojoin {
            guard let target = item.community.map({ findCommunity($0) }) ?? community else {
                let mistake = ChatSettingsMistake(
                    file: settings.file, line: item.line,
                    reason: .unknownCommunity(item.community ?? ""))
                report.append(error(mistake.description))
                continue
            }
            if configuration.startsAtAutojoin, targets.isEmpty {
                // The chat opens here; a later bare #channel belongs to this community.
                community = target
                channel = item.channel
                joined = [:]
            }
            targets.append((target, item.channel))
        }
        for target in targets {
            var channels = joined[target.community.id] ?? []
            if !channels.contains(target.channel) { channels.append(target.channel) }
            joined[target.community.id] = channels
        }
        if !joined.keys.contains(community.id) { joined[community.id] = [channel] }
        let others = targets.filter { $0.community.id != community.id || $0.channel != channel }
        if !others.isEmpty {
            let list = others.map { "\(shownName($0.community))/\($0.channel)" }
            report.append(
                notice("also joined (\(settings.file)): " + list.joined(separator: ", ")))
        }
        settingsReport = report
    }
}
