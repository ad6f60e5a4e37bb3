/// Bounds on what a scenario (or sweep) file may cost to read, so that a hostile or broken file
/// is rejected quickly and with bounded memory instead of exhausting the machine.
///
/// The figures are generous: the largest shipped scenario is about 27 KB and 1,400 YAML nodes.
/// docs/reliability.md gives the measured time and memory of files at and beyond the limits.
public struct ScenarioLimits: Sendable, Equatable {
    /// Largest file read (scenario, sweep file or CSV MSEL), in bytes.
    public var maxFileBytes: Int
    /// Most YAML nodes a document may have, counting every alias (`*name`) as a full copy of
    /// the node it refers to (this is what stops "billion laughs" documents).
    public var maxNodes: Int
    /// Deepest nesting of YAML collections.
    public var maxDepth: Int
    /// Most diagnostics reported for one file set; the rest are counted in a last diagnostic.
    public var maxDiagnostics: Int

    public init(maxFileBytes: Int = 8 << 20, maxNodes: Int = 250_000, maxDepth: Int = 64, maxDiagnostics: Int = 200) {
        self.maxFileBytes = maxFileBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.maxDiagnostics = maxDiagnostics
    }

    public static let standard = ScenarioLimits()

    /// `bytes` as "8 MiB" / "12.5 MiB" / "3 KiB" / "17 bytes".
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let tenths = (Double(bytes) / Double(1 << 20) * 10).rounded()
            return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10)) MiB" : "\(tenths / 10) MiB"
        }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// `count` with thousands separators: 1,000,000.
    static func grouped(_ count: Int) -> String {
        var digits = String(count)
        var result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
    }
}

/// How a scenario is loaded: the limits, and whether files it names may lie outside its folder.
public struct ScenarioOptions: Sendable, Equatable {
    /// When false (the default), a file named by the scenario (a CSV MSEL) must resolve, after
    /// following symbolic links, to a place inside the scenario file's folder: no absolute
    /// paths, no `..` that leaves the folder, no symbolic link that points out of it.
    public var allowOutsidePaths: Bool
    public var limits: ScenarioLimits

    public init(allowOutsidePaths: Bool = false, limits: ScenarioLimits = .standard) {
        self.allowOutsidePaths = allowOutsidePaths
        self.limits = limits
    }

    public static let standard = ScenarioOptions()
}
