import KithCommandLine
import KithCore
import Testing

@Suite("ChatInput")
struct ChatInputTests {
    /// The command `line` parses to, or nil (recording an issue) when it is not a command.
    private func command(_ line: String) -> SlashCommand? {
        guard case .command(let command) = ChatInput.parse(line) else {
            Issue.record("'\(line)' is not a command: \(ChatInput.parse(line))")
            return nil
        }
        return command
    }

    /// The explanation `line` is refused with, or nil (recording an issue) when it is accepted.
    private func explanation(_ line: String) -> String? {
        guard case .invalid(let text) = ChatInput.parse(line) else {
            Issue.record("'\(line)' was accepted: \(ChatInput.parse(line))")
            return nil
        }
        return text
    }

    @Test("plain lines are messages, kept exactly; blank lines are empty")
    func messages() {
        #expect(ChatInput.parse("hello there") == .message("hello there"))
        #expect(ChatInput.parse("  indented /help") == .message("  indented /help"))
        #expect(ChatInput.parse("") == .empty)
        #expect(ChatInput.parse("   \t") == .empty)
    }

    @Test("// posts a literal slash")
    func doubleSlashEscape() {
        #expect(ChatInput.parse("//help") == .message("/help"))
        #expect(ChatInput.parse("// shrug") == .message("/ shrug"))
        #expect(ChatInput.parse("///") == .message("//"))
    }

    @Test("unknown and empty command names are explained, with a suggestion when close")
    func unknownCommands() {
        #expect(explanation("/foo") == "unknown command /foo; /help lists commands")
        #expect(explanation("/hel")?.contains("did you mean /help?") == true)
        #expect(explanation("/whoiss")?.contains("did you mean /whois?") == true)
        #expect(explanation("/") != nil)
        #expect(explanation("/ help") != nil)
    }

    @Test("command names ignore case and accept aliases")
    func namesAndAliases() throws {
        #expect(command("/WHO") == .who)
        #expect(command("/Peers") == .peers)
        let general = try ChannelName("general")
        #expect(command("/j #general") == .join(general))
        #expect(command("/J general") == .join(general))
        #expect(command("/q") == .quit(message: nil))
        #expect(command("/w alice") == .whois(person: "alice"))
        #expect(command("/m alice hi") == .msg(person: "alice", text: "hi"))
        for name in SlashCommandName.allCases {
            #expect(SlashCommandName(typed: name.rawValue.uppercased()) == name)
            for alias in name.aliases { #expect(SlashCommandName(typed: "/" + alias) == name) }
        }
    }

    @Test("/help lists everything or explains one command")
    func help() {
        #expect(command("/help") == .help(nil))
        #expect(command("/help msg") == .help(.msg))
        #expect(command("/help /J") == .help(.join))
        #expect(explanation("/help nothing")?.contains("unknown command /nothing") == true)
        #expect(explanation("/help msg join") != nil)
        let lines = SlashCommand.helpText.split(separator: "\n")
        #expect(lines.count == SlashCommandName.allCases.count)
        for name in SlashCommandName.allCases {
            #expect(lines.contains { $0.hasPrefix(name.usage) })
            #expect(SlashCommand.usage(of: name).hasPrefix("/" + name.rawValue))
        }
        #expect(SlashCommand.helpText.contains("/msg NAME|FINGERPRINT TEXT (alias /m)"))
    }

    @Test("/nick takes the rest of the line as a display name")
    func nick() throws {
        #expect(command("/nick alice") == .nick(try DisplayName("alice")))
        #expect(command("/nick  Bob Smith  ") == .nick(try DisplayName("Bob Smith")))
        #expect(explanation("/nick")?.hasPrefix("/nick needs a name") == true)
        #expect(explanation("/nick " + String(repeating: "x", count: 65)) != nil)
    }

    @Test("/join and /part validate channel names; the # is optional")
    func joinAndPart() throws {
        #expect(command("/join #Random") == .join(try ChannelName("random")))
        #expect(explanation("/join")?.hasPrefix("/join needs a channel") == true)
        #expect(explanation("/join #bad!name")?.contains("not a channel name") == true)
        #expect(explanation("/join a b") != nil)
        #expect(command("/part") == .part(nil))
        #expect(command("/part #dev") == .part(try ChannelName("dev")))
        #expect(explanation("/part #") != nil)
        #expect(explanation("/part a b") != nil)
    }

    @Test("commands without arguments refuse extra words")
    func noArguments() {
        #expect(command("/channels") == .channels)
        #expect(command("/who  ") == .who)
        #expect(command("/peers") == .peers)
        #expect(explanation("/channels all")?.hasPrefix("/channels takes no arguments") == true)
        #expect(explanation("/who is here") != nil)
        #expect(explanation("/peers x") != nil)
    }

    @Test("/topic shows without text and sets with it")
    func topic() {
        #expect(command("/topic") == .topic(nil))
        #expect(command("/topic  Release on Friday ") == .topic("Release on Friday"))
    }

    @Test("/whois, /block and /unblock need a person; quotes are removed")
    func personCommands() {
        #expect(command("/whois 3f2a-9c01") == .whois(person: "3f2a-9c01"))
        #expect(command("/block Bob Smith") == .block(person: "Bob Smith", refuse: false))
        #expect(
            command("/block --refuse \"Bob Smith\"") == .block(person: "Bob Smith", refuse: true))
        #expect(explanation("/block --refuse") != nil)
        #expect(command("/unblock \"Bob Smith\"") == .unblock(person: "Bob Smith"))
        #expect(explanation("/whois")?.hasPrefix("/whois needs a name or fingerprint") == true)
        #expect(explanation("/block") != nil)
        #expect(explanation("/unblock ") != nil)
    }

    @Test("/msg needs a person and a message; a quoted name may hold spaces")
    func msg() {
        #expect(command("/msg alice see you  at 5") == .msg(person: "alice", text: "see you  at 5"))
        #expect(command("/msg \"Bob Smith\" hi") == .msg(person: "Bob Smith", text: "hi"))
        let needs = "/msg needs a name or fingerprint and a message"
        #expect(explanation("/msg")?.hasPrefix(needs) == true)
        #expect(explanation("/msg alice")?.hasPrefix(needs) == true)
        #expect(explanation("/msg alice   ")?.hasPrefix(needs) == true)
        #expect(explanation("/msg \"Bob Smith hi") != nil)
    }

    @Test("/history takes 1 to 1000, 50 by default")
    func history() {
        #expect(command("/history") == .history(count: 50))
        #expect(command("/history 1") == .history(count: 1))
        #expect(command("/history 1000") == .history(count: 1000))
        for bad in ["0", "1001", "-5", "ten", "10 20"] {
            #expect(explanation("/history \(bad)")?.hasPrefix("/history takes a number") == true)
        }
    }

    @Test("/community lists, switches, invites, creates, joins and leaves")
    func community() {
        #expect(command("/community list") == .community(.list))
        #expect(command("/community LIST") == .community(.list))
        #expect(
            command("/community switch Home Lab") == .community(.switchTo(community: "Home Lab")))
        #expect(command("/community invite") == .community(.invite(community: nil)))
        #expect(command("/community invite work") == .community(.invite(community: "work")))
        #expect(explanation("/community")?.hasPrefix("/community needs list") == true)
        #expect(explanation("/community switch")?.contains("needs a community name") == true)
        #expect(explanation("/community list all") != nil)
        #expect(command("/community create garden") == .community(.create(name: "garden")))
        #expect(
            command("/community create \"Home Lab\"") == .community(.create(name: "Home Lab")))
        #expect(command("/community join kith1abc") == .community(.join(code: "kith1abc")))
        #expect(command("/community leave garden") == .community(.leave(community: "garden")))
        #expect(explanation("/community create")?.contains("needs a community name") == true)
        #expect(explanation("/community leave")?.contains("needs a community name") == true)
        #expect(explanation("/community join")?.contains("needs an invite code") == true)
        #expect(explanation("/community join a b")?.contains("one invite code") == true)
        #expect(explanation("/community rename x")?.contains("unknown /community action") == true)
    }

    @Test("/quit takes an optional message")
    func quit() {
        #expect(command("/quit") == .quit(message: nil))
        #expect(command("/quit bye all") == .quit(message: "bye all"))
    }

    @Test("each parsed command reports its name")
    func commandNames() {
        #expect(command("/m bob hi")?.name == .msg)
        #expect(command("/j x")?.name == .join)
        #expect(command("/community list")?.name == .community)
    }
}
