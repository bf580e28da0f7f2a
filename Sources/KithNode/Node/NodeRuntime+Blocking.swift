import KithCore
import KithMesh
import KithStorage

/// `block`, `unblock` and `blocked` (Protocol/control.md): the block list is saved to its file
/// first, then the replication engine refuses or releases the chains (replication.md, "Refusing
/// an author").
extension NodeRuntime {
    /// Reads the block list file, if configured, and has the engine refuse its authors. Runs at
    /// start, before any session: a list that cannot be read stops the start.
    func loadBlockList() throws(NodeError) {
        guard let path = configuration.blockListPath else { return }
        do {
            blockList = try BlockListFile(path: path).load()
        } catch {
            throw .blockList(error)
        }
        perform(engine.handle(.refusedAuthorsChanged(blockList.keys)))
    }

    /// Blocks `author`: saves the list, then refuses the author's chains. Blocking an author
    /// already blocked changes nothing.
    func answerBlock(_ request: ControlRequest) -> ControlResponse {
        let key: PublicKey
        switch requestedAuthor(request) {
        case .success(let found): key = found
        case .failure(let failure): return failure.response
        }
        guard key != localKey else {
            return ControlResponse(
                error: "block: that is this node's own key; it cannot be blocked")
        }
        var list = blockList
        do {
            guard try list.insert(BlockedAuthor(key: key)) else { return blockedResponse() }
        } catch {
            return ControlResponse(error: "block: \(error)")
        }
        return apply(list, op: "block")
    }

    /// Unblocks `author`: saves the list, then asks peers for the author's chains again.
    /// Unblocking an author who is not blocked changes nothing.
    func answerUnblock(_ request: ControlRequest) -> ControlResponse {
        let key: PublicKey
        switch requestedAuthor(request) {
        case .success(let found): key = found
        case .failure(let failure): return failure.response
        }
        var list = blockList
        guard list.remove(key) else { return blockedResponse() }
        return apply(list, op: "unblock")
    }

    /// The blocked authors.
    func answerBlocked(_ request: ControlRequest) -> ControlResponse {
        blockedResponse()
    }

    /// Whether the user blocked `author`: entries of blocked authors are refused (and a client
    /// hides those it still finds in the log).
    func isBlocked(_ author: PublicKey) -> Bool {
        blockList.contains(author)
    }

    // MARK: - Helpers

    /// Saves `list` (when the node has a block list file), then makes it the node's list and
    /// tells the engine. A failed save changes nothing.
    private func apply(_ list: BlockList, op: String) -> ControlResponse {
        if let path = configuration.blockListPath {
            do {
                try BlockListFile(path: path).save(list)
            } catch {
                return ControlResponse(error: "\(op): cannot save the block list: \(error)")
            }
        }
        blockList = list
        perform(engine.handle(.refusedAuthorsChanged(list.keys)))
        return blockedResponse()
    }

    /// The answer listing every blocked author, ordered by key.
    private func blockedResponse() -> ControlResponse {
        ControlResponse(
            blocked: blockList.authors.map {
                ControlBlockedAuthor(publicKey: $0.key.hex, fingerprint: $0.key.fingerprint.full)
            })
    }

    /// The request's `author`: 64 hex digits.
    private func requestedAuthor(_ request: ControlRequest) -> Result<PublicKey, ControlFailure> {
        guard let text = request.author else {
            return .failure(ControlFailure(request.op + ": author is required"))
        }
        guard text.utf8.count == PublicKey.byteCount * 2, let key = try? PublicKey(hex: text)
        else {
            return .failure(
                ControlFailure(request.op + ": author must be a public key of 64 hex digits"))
        }
        return .success(key)
    }
}

/// A refused control request, as an error so it can travel in a `Result`.
struct ControlFailure: Error {
    /// The answer to send.
    let response: ControlResponse

    init(_ message: String) {
        response = ControlResponse(error: message)
    }
}
