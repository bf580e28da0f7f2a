import KithCommandLine
import KithCore
import Testing

@Suite("ChatSettings: chat.conf")
struct ChatSettingsTests {
    @Test("keys, comments, blank lines, CR LF, case and several autojoin lines")
    func parsesAFile() throws {
        let text =
            "# my chat\r\n\r\nautojoin = lobby/#general, lobby/dev\r\n  AUTOJOIN=garden/#plans ,#random\n"
            + "bell = OFF\ntimestamps = hh:mm\ntimestamps = off\n"
        let settings = ChatSettings(parsing: text, file: "/h/chat.conf")
        #expect(settings.mistakes.isEmpty)
        #expect(
            settings.autojoin == [
                .init(community: "lobby", channel: try ChannelName("general"), line: 3),
                .init(community: "lobby", channel: try ChannelName("dev"), line: 3),
                .init(community: "garden", channel: try ChannelName("plans"), line: 4),
                .init(community: nil, channel: try ChannelName("random"), line: 4),
            ])
        #expect(!settings.bell)
        #expect(!settings.timestamps)
        #expect(settings.file == "/h/chat.conf")
    }

    @Test("an empty file gives the defaults: no autojoin, bell on, timestamps on")
    func defaults() {
        let settings = ChatSettings(parsing: "", file: "chat.conf")
        #expect(settings.autojoin.isEmpty && settings.bell && settings.timestamps)
        #expect(settings.mistakes.isEmpty)
    }

    @Test("each bad line is named with the file and line and skipped; the good lines apply")
    func badLines() {
        let text = [
            "bell = off", "colour = red", "just words", "bell = loud", "timestamps = HH:MM:SS",
            "autojoin = lobby/#ok, /#x", "autojoin = lobby/#bad name", "autojoin =",
            "evil\u{1B}[2J = 1",
        ].joined(separator: "\n")
        let settings = ChatSettings(parsing: text, file: "/h/chat.conf")
        #expect(!settings.bell)
        #expect(settings.autojoin.isEmpty, "a line with one bad item is skipped whole")
        let messages = settings.mistakes.map(\.description)
        #expect(settings.mistakes.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(
            messages[0]
                == "/h/chat.conf line 2: unknown key 'colour'; the keys are autojoin, bell, "
                + "timestamps; the line is ignored")
        #expect(
            messages[1]
                == "/h/chat.conf line 3: expected `key = value` (keys: autojoin, bell, "
                + "timestamps); the line is ignored")
        #expect(
            messages[2]
                == "/h/chat.conf line 4: bell = 'loud': expected on or off; the line is ignored")
        #expect(
            messages[3].hasPrefix(
                "/h/chat.conf line 5: timestamps = 'HH:MM:SS': expected HH:MM or off"))
        #expect(
            messages[4].hasPrefix(
                "/h/chat.conf line 6: autojoin = '/#x': expected community/#channel"))
        #expect(
            messages[5].hasPrefix(
                "/h/chat.conf line 7: autojoin: '#bad name' is not a channel name"))
        #expect(messages[6].hasPrefix("/h/chat.conf line 8: autojoin = '': expected"))
        // Text from the file never reaches the terminal raw.
        #expect(!messages[7].contains("\u{1B}"))
        #expect(messages[7].hasPrefix("/h/chat.conf line 9: unknown key 'evil"))
    }
}

@Suite("ChatSession: settings")
struct ChatSessionSettingsTests {
    typealias Harness = ChatSessionHarness

    /// A session in lobby (work also held) with `settings`; `startsAtAutojoin` as given.
    private func chat(_ conf: String, startsAtAutojoin: Bool = true) throws -> Harness {
        var chat = try Harness()
        var configuration = chat.session.configuration
        configuration.settings = ChatSettings(parsing: conf, file: "chat.conf")
        configuration.startsAtAutojoin = startsAtAutojoin
        chat.session = ChatSession(configuration: configuration)
        return chat
    }

    @Test(
        "autojoin opens in its first channel, joins the rest, says so and names a stranger community"
    )
    func autojoinOpensFirst() throws {
        var chat = try chat("autojoin = work/#ops, lobby/#dev, #random, garden/#x, work/#ops")
        let started = chat.handle(.started)
        #expect(chat.session.prompt == "work/#ops> ")
        #expect(chat.session.joinedChannels == [try ChannelName("ops"), try ChannelName("random")])
        #expect(
            Harness.shown(started).prefix(2) == [
                "!! chat.conf line 1: autojoin: you are in no community called 'garden'; that "
                    + "channel is not joined",
                "-- also joined (chat.conf): lobby/#dev, work/#random",
            ])
        #expect(
            Harness.requests(started).contains(
                .history(chat.other.id, try ChannelName("ops"), limit: 20)))
        _ = chat.handle(.typed("/community switch lobby"))
        #expect(chat.session.joinedChannels == [try ChannelName("dev")])
    }

    @Test("with --channel or --community given, the chat opens there and still joins the rest")
    func optionsWin() throws {
        var chat = try chat("autojoin = lobby/#dev", startsAtAutojoin: false)
        let started = chat.handle(.started)
        #expect(chat.session.prompt == "lobby/#general> ")
        #expect(
            chat.session.joinedChannels == [try ChannelName("general"), try ChannelName("dev")])
        #expect(Harness.shown(started).first == "-- also joined (chat.conf): lobby/#dev")
        // A post in #dev is shown: the channel is joined.
        let post = try chat.post(by: chat.bob, "in dev", channel: "dev", name: "bob")
        #expect(Harness.shown(chat.handle(.arrived([post]))).count == 1)
    }

    @Test(
        "bad lines are shown when the chat starts; bell = off silences mentions; timestamps = off drops the time"
    )
    func bellAndTimestamps() throws {
        var chat = try chat("bell = off\ntimestamps = off\nsound = on")
        let started = chat.handle(.started)
        #expect(
            Harness.shown(started).first?.hasPrefix("!! chat.conf line 3: unknown key 'sound'")
                == true)
        _ = chat.loadPeople([
            ("alice", chat.alice.publicKey, true), ("bob", chat.bob.publicKey, true),
        ])
        let mention = try chat.post(by: chat.bob, "hi alice", name: "bob")
        let actions = chat.handle(.arrived([mention]))
        #expect(!actions.contains(.bell))
        #expect(Harness.shown(actions) == ["#general \(Harness.label("bob", chat.bob)): hi alice"])
    }
}
