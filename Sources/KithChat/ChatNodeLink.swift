import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Carries a chat's requests to its node over the control socket (Protocol/control.md) and
/// turns the answers into what the chat understands. Creating, joining and leaving communities
/// go through the home's community book first (``ChatCommunityBook``).
package struct ChatNodeLink: Sendable {
    /// The home's community book, and the node's control socket.
    let communityBook: ChatCommunityBook

    /// Carries requests to the node whose community book is `communityBook`.
    package init(communityBook: ChatCommunityBook) {
        self.communityBook = communityBook
    }

    /// The node's control socket.
    var socketPath: String { communityBook.socketPath }

    /// How the chat carries out one of the session's requests.
    enum Plan {
        /// Already answered, without asking the node: a text the node would refuse, or a
        /// community book that could not be changed.
        case answered(ChatReply)
        /// Ask the node this; its answer goes through ``reply(to:from:)``.
        case ask(ControlRequest)
    }

    /// How to carry out `request`. A community created, joined or left is written to the
    /// community book here, and the node asked to follow the book.
    func plan(_ request: ChatRequest) -> Plan {
        if let planned = communityBook.change(request) { return planned }
        do throws(ControlRequestError) {
            guard let typed = try Self.controlRequest(for: request) else {
                return .answered(.failed("the chat cannot ask the node that"))
            }
            return .ask(typed)
        } catch {
            // What the node would answer: the request is refused before it is sent.
            return .answered(.failed(error.description))
        }
    }

    /// What the chat makes of the node's `response` to `request` (a failure when none came).
    func reply(to request: ChatRequest, from response: ControlResponse) -> ChatReply {
        if ChatCommunityBook.changesBook(request) { return communityBook.reloaded(response) }
        guard response.ok else { return .failed(response.error ?? "the node refused") }
        return Self.reply(to: request, from: response)
    }

    /// The control request for `request`; nil for those the community book carries out.
    /// - Throws: what the node would answer for a text it refuses (too long, holding NUL).
    static func controlRequest(for request: ChatRequest) throws(ControlRequestError)
        -> ControlRequest?
    {
        switch request {
        case .post(let community, let channel, let text):
            do {
                return .post(community: community, try Post(channel: channel, text: text))
            } catch {
                throw .invalidField("text", "\(error)")
            }
        case .setName(let name):
            return .nick(community: nil, name)
        case .setTopic(let community, let channel, let text):
            do {
                return .topic(community: community, try Topic(channel: channel, text: text))
            } catch {
                throw .invalidField("text", "\(error)")
            }
        case .sendPrivate(let community, let recipient, let text):
            return .msg(community: community, recipient: recipient, text: text)
        case .history(let community, let channel, let limit):
            return .history(community: community, channel: channel, limit: limit)
        case .inbox(let community, let limit):
            return .inbox(community: community, limit: limit)
        case .people(let community, let query):
            return .people(community: community, peopleQuery(query))
        case .channels(let community):
            return .channels(community: community)
        case .peers:
            return .peers
        case .block(let key):
            return .block(key)
        case .hide(let key):
            return .hide(key)
        case .unblock(let key):
            return .unblock(key)
        case .blockedList:
            return .blocked
        case .createCommunity, .joinCommunity, .leaveCommunity:
            return nil
        }
    }

    /// The `people` query for `query`: a bounded page, never every author.
    static func peopleQuery(_ query: ChatPeopleQuery) -> PeopleQuery {
        switch query {
        case .first:
            return PeopleQuery(selection: .everyone, limit: ChatPeopleQuery.firstPageSize)
        case .online:
            return PeopleQuery(selection: .online, limit: ChatPeopleQuery.listedPageSize)
        case .recentlyActive:
            let now = SystemClock.wallMilliseconds()
            return PeopleQuery(
                selection: .activeSince(now - min(now, ChatPerson.recentWindow)),
                limit: ChatPeopleQuery.listedPageSize)
        case .person(let key):
            return PeopleQuery(selection: .author(key), limit: ChatPeopleQuery.listedPageSize)
        }
    }

    /// What the chat makes of a successful `response` to `request`.
    static func reply(to request: ChatRequest, from response: ControlResponse) -> ChatReply {
        switch request {
        case .setName:
            return .done
        case .post, .setTopic, .sendPrivate:
            // The entry also comes through the node's stream; the loop waits for it before
            // ending at end of input.
            return .entries(response.entry.map { [$0] } ?? [])
        case .history, .inbox:
            return .entries(response.entries ?? [])
        case .people:
            let now = SystemClock.wallMilliseconds()
            return .people(
                (response.people ?? []).map { person in
                    ChatPerson(
                        person,
                        isRecentlyActive: person.lastTimestamp.map {
                            $0 + ChatPerson.recentWindow >= now
                        } ?? false)
                }, more: response.more ?? 0)
        case .channels:
            return .channels(response.channels ?? [])
        case .peers:
            return .peers(
                (response.peers ?? []).compactMap { peer in
                    guard let key = try? PublicKey(hex: peer.publicKey) else { return nil }
                    return ChatPeer(
                        key: key, displayName: peer.displayName, session: peer.session,
                        address: peer.sessionAddress ?? peer.addresses.first)
                })
        case .block, .hide, .unblock, .blockedList:
            return .blocked((response.blocked ?? []).map(\.publicKey))
        case .createCommunity, .joinCommunity, .leaveCommunity:
            return .failed("the node gave an unexpected answer")
        }
    }
}
