/// The version string printed by `jtx --version`.
enum JTXVersion {
    static let current = "0.5.0"

    /// `current` with the git revision the binary was built from (`unknown` outside a git
    /// checkout): what `jtx --version` prints. Result files record `current` only.
    static let withRevision = "\(current) (git \(BuildRevision.git))"
}
