import KithCommandLine
import KithControl
import KithCore
import KithMesh
import KithNode
import KithStorage

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The chat's side of the home's community book: `/community create|join|leave` change the
/// book (the truth on disk, as `kith community` does) and then have the node follow it with
/// `communities_reload` (Protocol/control.md), asked on the chat's request connection; the chat
/// also notices when another program changed the book.
package struct ChatCommunityBook: Sendable {
    /// The book's file.
    let book: CommunityBook
    /// The node's control socket.
    let socketPath: String

    /// The chat's side of `book`, for the node at `socketPath`.
    package init(book: CommunityBook, socketPath: String) {
        self.book = book
        self.socketPath = socketPath
    }

    /// Carries out a create, join or leave in the book: then the node is to be asked to follow
    /// it (`communities_reload`, answered through ``reloaded(_:)``), or the change failed. Nil
    /// for a request that is not about communities.
    func change(_ request: ChatRequest) -> ChatNodeLink.Plan? {
        do {
            switch request {
            case .createCommunity(let name):
                guard CommunityMembership.isValidName(name) else {
                    return .answered(
                        .failed("'\(name)' is not a community name: use 1 to 32 bytes"))
                }
                try book.join(CommunityMembership(name: name, key: CommunityKey.generate()))
            case .joinCommunity(let code):
                let invite: InviteCode
                do {
                    invite = try InviteCode(parsing: code)
                } catch {
                    return .answered(.failed("that invite code is not valid: \(error)"))
                }
                try book.join(CommunityMembership(name: invite.name, key: invite.communityKey))
            case .leaveCommunity(let id):
                try book.leave(id: id)
            default:
                return nil
            }
        } catch {
            return .answered(.failed("\(error)"))
        }
        return .ask(.communitiesReload)
    }

    /// Whether `request` changes the book (``change(_:)``).
    static func changesBook(_ request: ChatRequest) -> Bool {
        switch request {
        case .createCommunity, .joinCommunity, .leaveCommunity: true
        default: false
        }
    }

    /// The node's `response` to `communities_reload` after a change: the book's communities.
    func reloaded(_ response: ControlResponse) -> ChatReply {
        guard response.ok else { return notFollowed(response.error ?? "no reason given") }
        do {
            return .communities(try communities())
        } catch {
            return .failed("\(error)")
        }
    }

    /// The book changed but the node did not follow it, for `reason`.
    private func notFollowed(_ reason: String) -> ChatReply {
        .failed("saved, but the node did not follow: \(reason)")
    }

    /// The communities the book lists now, as the chat knows them.
    func communities() throws -> [ChatCommunity] {
        try Self.chatCommunities(book.load())
    }

    /// The chat's form of the book's communities, with their invite codes.
    package static func chatCommunities(_ memberships: [CommunityMembership]) throws
        -> [ChatCommunity]
    {
        try memberships.map {
            ChatCommunity(
                name: $0.name, id: $0.id,
                inviteCode: try InviteCode(communityKey: $0.key, name: $0.name).text)
        }
    }

    /// What identifies the book file's content on disk now (inode, size, modification time);
    /// nil when it does not exist.
    func fileStamp() -> FileStamp? {
        var status = stat()
        guard stat(book.path, &status) == 0 else { return nil }
        return FileStamp(
            inode: UInt64(status.st_ino), size: Int64(status.st_size),
            seconds: Int64(status.st_mtim.tv_sec), nanoseconds: Int64(status.st_mtim.tv_nsec))
    }

    /// A book file's identity and modification time: the book is written by rename, so any
    /// change gives a new stamp.
    struct FileStamp: Equatable, Sendable {
        let inode: UInt64
        let size: Int64
        let seconds: Int64
        let nanoseconds: Int64
    }
}
