import Foundation
import PackagePlugin

/// Writes `BuildRevision.swift` (`enum BuildRevision { static let git = "…" }`) before every build
/// of the target that uses it: the package's git revision (12 hex digits, `-dirty` when tracked
/// files have uncommitted changes), or `unknown` when git or the repository is absent (a source
/// tarball). The file is rewritten only when the revision changes, so builds stay incremental.
@main
struct GitRevision: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let script = #"""
            rev=unknown
            if command -v git >/dev/null 2>&1 && r=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null); then
              rev=$r
              if [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then rev="$rev-dirty"; fi
            fi
            mkdir -p "$2"
            new="enum BuildRevision { static let git = \"$rev\" }"
            if [ "$(cat "$2/BuildRevision.swift" 2>/dev/null)" != "$new" ]; then printf '%s\n' "$new" > "$2/BuildRevision.swift"; fi
            """#
        return [
            .prebuildCommand(
                displayName: "Recording the git revision of \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output
            ),
        ]
    }
}
