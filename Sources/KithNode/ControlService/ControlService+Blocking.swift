import KithControl
import KithCore
import KithStorage

/// `block`, `hide`, `unblock` and `blocked` (Protocol/control.md): a list is saved to its file
/// first, then the runtime puts it in force and the replication engine refuses or releases the
/// chains (replication.md, "Refusing an author"). Blocking refuses an author's entries; hiding keeps storing and relaying them and
/// only leaves them out of what this node's user is shown, so that a block here never censors
/// the people who reach the author only through this node.
extension ControlService {
    /// Blocks `author`: refuses their entries (no longer stored nor relayed). An author hidden
    /// before is now blocked instead; blocking one already blocked changes nothing.
    func answerBlock(_ author: PublicKey) -> ControlResponse {
        change(author, refusing: true)
    }

    /// Hides `author` from this node's user: their entries are still stored and relayed. An
    /// author blocked before is now only hidden (their chains are asked for again).
    func answerHide(_ author: PublicKey) -> ControlResponse {
        change(author, refusing: false)
    }

    /// Unblocks or unhides `author`; an author neither blocked nor hidden changes nothing.
    func answerUnblock(_ key: PublicKey) -> ControlResponse {
        var (blocked, hidden) = host.authorLists
        let wasBlocked = blocked.remove(key)
        let wasHidden = hidden.remove(key)
        guard wasBlocked || wasHidden else { return blockedResponse() }
        return apply(blocked: blocked, hidden: hidden, op: "unblock")
    }

    /// Whether the user blocked or hid `author`: answers leave their entries out (and a client
    /// hides those it still receives).
    func isBlocked(_ author: PublicKey) -> Bool {
        let lists = host.authorLists
        return lists.blocked.contains(author) || lists.hidden.contains(author)
    }

    // MARK: - Helpers

    /// Puts the request's author on the block list (`refusing`) or the hidden list, off the
    /// other one.
    private func change(_ key: PublicKey, refusing: Bool) -> ControlResponse {
        let op = refusing ? "block" : "hide"
        guard key != localKey else {
            return .failed("\(op): that is this node's own key; it cannot be blocked")
        }
        var (blocked, hidden) = host.authorLists
        do {
            if refusing {
                hidden.remove(key)
                guard try blocked.insert(BlockedAuthor(key: key)) else { return blockedResponse() }
            } else {
                blocked.remove(key)
                guard try hidden.insert(BlockedAuthor(key: key)) else { return blockedResponse() }
            }
        } catch {
            return .failed("\(op): \(error)")
        }
        return apply(blocked: blocked, hidden: hidden, op: op)
    }

    /// Saves the lists that changed (when the node has files for them), then has the runtime put
    /// them in force (``ControlServiceHost/enforce(blocked:hidden:)``). A failed save changes nothing (the block list is saved
    /// first: a failure there leaves both files as they were).
    private func apply(blocked: BlockList, hidden: BlockList, op: String) -> ControlResponse {
        let current = host.authorLists
        do {
            if blocked != current.blocked, let path = blockListPath {
                try BlockListFile(path: path).save(blocked)
            }
        } catch {
            return .failed("\(op): cannot save the block list: \(error)")
        }
        do {
            if hidden != current.hidden, let path = hiddenListPath {
                try BlockListFile(path: path).save(hidden)
            }
        } catch {
            return .failed("\(op): cannot save the hidden list: \(error)")
        }
        host.enforce(blocked: blocked, hidden: hidden)
        return blockedResponse()
    }

    /// The answer listing every blocked or hidden author, ordered by key (`blocked`).
    func blockedResponse() -> ControlResponse {
        let (blockList, hiddenList) = host.authorLists
        let refused = blockList.authors.map { ($0.key, true) }
        let hidden = hiddenList.authors.map { ($0.key, false) }
        return .blockedAuthors(
            (refused + hidden).sorted { $0.0.hex < $1.0.hex }.map { key, isRefused in
                ControlBlockedAuthor(
                    publicKey: key, fingerprint: key.fingerprint.full, refused: isRefused)
            })
    }
}
