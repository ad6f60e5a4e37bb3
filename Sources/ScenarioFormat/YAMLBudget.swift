// CYaml is Yams' copy of libyaml. It is not a product of the Yams package, but SwiftPM hands its
// module map to every target that depends on Yams, so it can be imported here.
internal import CYaml

/// A streaming pass over a YAML text with libyaml's event parser, before Yams builds a tree,
/// that enforces `ScenarioLimits.maxNodes` (counting aliases expanded) and `maxDepth`.
///
/// Yams resolves an alias to the very node it refers to, so a "billion laughs" document (ten
/// anchors, each a list of nine aliases of the one before) composes into a small shared tree
/// and only explodes later, when the tree is hashed (Yams hashes mapping keys to find
/// duplicates) or walked. This pass sees each event once and keeps, per anchor, the size of its
/// expanded subtree, so it costs time linear in the text and memory linear in the nesting and
/// the number of anchors, whatever the expansion would be. Syntax errors are left to the
/// composer, which reports them with their context.
enum YAMLBudget {
    struct Exceeded: Error, Equatable {
        var message: String
        var hint: String
        /// 1-based, in Unicode scalars (as libyaml and Yams count).
        var line: Int
        var column: Int
    }

    static func check(_ text: String, limits: ScenarioLimits) -> Exceeded? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Exceeded? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return scan(&parser, limits: limits)
        }
    }

    private struct Frame {
        var anchor: String?
        var size: Int
    }

    private static func scan(_ parser: inout yaml_parser_t, limits: ScenarioLimits) -> Exceeded? {
        var anchors: [String: Int] = [:]
        var stack: [Frame] = []
        var total = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml's own nesting limit (1000) can stop its scanner before this pass sees
                // the 64th level; say so in the same words. Other syntax errors are left to the
                // composer.
                guard let problem = parser.problem.map({ String(cString: $0) }), problem.contains("nesting level") else { return nil }
                let mark = parser.problem_mark
                return Exceeded(message: "the document nests deeper than \(limits.maxDepth) levels",
                                hint: "a scenario needs only a few levels of lists and mappings",
                                line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            func exceeded(_ message: String, _ hint: String) -> Exceeded {
                Exceeded(message: message, hint: hint, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }
            var added = 0
            var anchorOfLeaf: String?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                anchors.removeAll(keepingCapacity: true)
                stack.removeAll(keepingCapacity: true)
            case YAML_SCALAR_EVENT:
                added = 1
                anchorOfLeaf = string(event.data.scalar.anchor)
            case YAML_ALIAS_EVENT:
                added = string(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                if total + added > limits.maxNodes {
                    return exceeded("this alias makes the document larger than \(ScenarioLimits.grouped(limits.maxNodes)) YAML nodes once aliases are expanded",
                                    "an alias (*name) stands for a full copy of its anchored node (&name); nested aliases multiply")
                }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxDepth {
                    return exceeded("the document nests deeper than \(limits.maxDepth) levels", "a scenario needs only a few levels of lists and mappings")
                }
                let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                stack.append(Frame(anchor: string(anchor), size: 1))
                total += 1
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                if let anchor = frame.anchor { anchors[anchor] = frame.size }
                if !stack.isEmpty { stack[stack.count - 1].size += frame.size }
            default:
                break
            }
            if added > 0 {
                total += added
                if let anchor = anchorOfLeaf { anchors[anchor] = added }
                if !stack.isEmpty { stack[stack.count - 1].size += added }
            }
            if total > limits.maxNodes {
                return exceeded("the document has more than \(ScenarioLimits.grouped(limits.maxNodes)) YAML nodes",
                                "split the exercise, or generate fewer elements")
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
