internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where a file named inside a scenario (a CSV MSEL) is, and whether it may be read.
///
/// The path is relative to the scenario file's folder and must stay inside it: an absolute
/// path, a `..` that climbs out of the folder, or a symbolic link (the file itself or a folder
/// on the way) whose target lies outside the folder is refused, unless the user allows it
/// (`--allow-outside-paths`). A scenario received from elsewhere can then read nothing but the
/// files shipped beside it. The folder is the one the scenario's path names; its own symbolic
/// links are followed before comparing, so a scenario reached through a link still reads its
/// neighbours.
enum ReferencedFile {
    struct Refusal: Error, Equatable {
        var message: String
        var hint: String
    }

    static let allowHint = "files named by a scenario must lie in its folder; give the path relative to it, "
        + "or run with --allow-outside-paths if you trust this scenario"

    /// The path to open for `named`, written in the scenario at `scenarioPath`.
    static func resolve(_ named: String, from scenarioPath: String, allowOutside: Bool) -> Result<String, Refusal> {
        guard !named.isEmpty else {
            return .failure(Refusal(message: "the path is empty", hint: "name a CSV file relative to the scenario's folder"))
        }
        guard !named.utf8.contains(0) else {
            return .failure(Refusal(message: "the path contains a NUL character", hint: "name a CSV file relative to the scenario's folder"))
        }
        let resolved = ScenarioLoader.resolve(named, from: scenarioPath)
        if allowOutside { return .success(resolved) }
        if named.hasPrefix("/") {
            return .failure(Refusal(message: "'\(named)' is an absolute path, outside the scenario's folder", hint: allowHint))
        }
        var depth = 0
        for component in named.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                depth -= 1
                if depth < 0 {
                    return .failure(Refusal(message: "'\(named)' leads out of the scenario's folder", hint: allowHint))
                }
            } else {
                depth += 1
            }
        }
        let folder = scenarioPath.lastIndex(of: "/").map { String(scenarioPath[...$0]) } ?? "./"
        guard let realFolder = realPath(folder) else { return .success(resolved) }
        // A file that does not exist yet has no real path: report it when it is read.
        guard let realTarget = realPath(resolved) ?? realParent(of: resolved) else { return .success(resolved) }
        let inside = realFolder == "/" ? realTarget.hasPrefix("/") : (realTarget == realFolder || realTarget.hasPrefix(realFolder + "/"))
        guard inside else {
            return .failure(Refusal(message: "'\(named)' is (or lies under) a symbolic link that leads out of the scenario's folder, to \(realTarget)",
                                    hint: allowHint))
        }
        return .success(resolved)
    }

    /// `path` with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The real path of the folder holding `path` (which does not exist), with its last component.
    private static func realParent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return realPath(".").map { $0 + "/" + path } }
        let parent = slash == path.startIndex ? "/" : String(path[..<slash])
        return realPath(parent).map { $0 + "/" + path[path.index(after: slash)...] }
    }
}
