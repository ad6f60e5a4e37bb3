import ArgumentParser
import Foundation

/// "Did you mean …?" for a mistyped subcommand (`jtx rnu` → `run`). swift-argument-parser
/// suggests close option names itself, but reports an unknown subcommand only as an unexpected
/// argument; `JTX.main()` asks this first.
enum CommandSuggestion {
    /// The message for `typed` when it is not a command of `root`, nil when it is one (or an option).
    static func message(for typed: String, root: any ParsableCommand.Type) -> String? {
        guard !typed.hasPrefix("-") else { return nil }
        let names = commandNames(root)
        guard !names.contains(typed) else { return nil }
        let list = names.filter { $0 != "help" }.joined(separator: ", ")
        if let match = closest(to: typed, in: names) {
            return "error: '\(typed)' is not a jtx command. Did you mean '\(match)'?\n(commands: \(list); see jtx --help)"
        }
        return "error: '\(typed)' is not a jtx command.\n(commands: \(list); see jtx --help)"
    }

    static func commandNames(_ root: any ParsableCommand.Type) -> [String] {
        var names: [String] = []
        for command in root.configuration.subcommands {
            let configuration = command.configuration
            names.append(configuration.commandName ?? String(describing: command).lowercased())
            names += configuration.aliases
        }
        return names + ["help"]
    }

    /// The candidate within edit distance 2 (adjacent transpositions count once), or sharing a
    /// prefix of at least three letters; ties go to the earlier candidate.
    static func closest(to typed: String, in candidates: [String]) -> String? {
        let word = Array(typed.lowercased())
        var best: (name: String, score: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            var score = distance(word, other)
            if score > 2 || score >= max(word.count, other.count) {
                score = min(word.count, other.count) >= 3 && (other.starts(with: word) || word.starts(with: other)) ? 3 : Int.max
            }
            if score < (best?.score ?? Int.max) { best = (candidate, score) }
        }
        return best?.name
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
