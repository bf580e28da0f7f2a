/// The version every Kith tool reports with `--version`.
public enum KithVersion {
    /// The version number.
    public static let current = "0.1.0"
}
