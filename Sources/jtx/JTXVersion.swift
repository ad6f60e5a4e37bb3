/// The version string printed by `jtx --version`.
enum JTXVersion {
    static let current = "0.5.0"
}
