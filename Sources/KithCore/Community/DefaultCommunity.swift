/// The well-known community every node joins with no set-up, so two machines on one LAN can talk
/// at once (communities.md). Its key is public: it offers no confidentiality.
public enum DefaultCommunity {
    /// The default community's name.
    public static let name = "lobby"

    /// The text whose BLAKE2b-256 digest is the default community key.
    public static let keyDerivationMessage = "kith default community v1"

    /// `BLAKE2b-256("kith default community v1")`.
    public static let key: CommunityKey = CommunityKey(
        storage: Array(keyDerivationMessage.utf8).withUnsafeBytes { Blake2b.digest256($0) })

    /// The default community's id.
    public static let id: CommunityID = key.id
}
