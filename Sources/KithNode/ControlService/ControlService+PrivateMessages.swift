import KithControl
import KithCore
import KithStorage

extension ControlService {
    /// `msg`: seals a private message to `recipient` with the node's key, publishes it in the
    /// community, and answers with the entry and its opened text (Protocol/control.md).
    func answerPrivateMessage(
        _ text: String, to recipient: PublicKey, in requested: CommunityID?
    ) throws(ControlRequestError) -> ControlResponse {
        let community = try controlCommunity(requested)
        guard recipient != localKey else {
            throw .invalidField("recipient", "it is this node's own key")
        }
        let content: [UInt8]
        do {
            content = try PrivateMessage.seal(text: text, to: recipient, from: identity)
        } catch .invalidRecipientKey {
            throw .invalidField("recipient", "\(ContentError.invalidRecipientKey)")
        } catch .contentTooLarge(_) {
            let count = text.utf8.count
            throw .invalidField(
                "text",
                "\(count) bytes, more than the \(PrivateMessage.maxTextByteCount) "
                    + "a private message holds")
        } catch {
            throw .invalidField("text", "\(error)")
        }
        return answerPublishing(.privateMessage, content: content, in: community)
    }
}
