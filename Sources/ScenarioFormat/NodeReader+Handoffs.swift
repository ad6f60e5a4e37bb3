internal import ExerciseModel
internal import Foundation
internal import Yams

/// Values of the jurisdictional parts of a scenario: probabilities, factors, time zones,
/// working hours, holidays, labels and pairs.
extension NodeReader {
    /// Every IANA name Foundation knows, plus `UTC` (which Foundation lists as `GMT`).
    static let timeZoneNames: [String] = ["UTC"] + TimeZone.knownTimeZoneIdentifiers

    /// A number in [0, 1].
    func probability(_ node: Node, key: String) -> Double? {
        guard let value = number(node, key: key) else { return nil }
        guard (0...1).contains(value) else {
            sink.error("'\(key)' must be between 0 and 1, found \(Self.format(value))", at: location(node))
            return nil
        }
        return value
    }

    /// A number greater than 0.
    func positive(_ node: Node, key: String) -> Double? {
        guard let value = number(node, key: key) else { return nil }
        guard value > 0 else {
            sink.error("'\(key)' must be greater than 0, found \(Self.format(value))", at: location(node))
            return nil
        }
        return value
    }

    /// An IANA time zone name Foundation knows (`Europe/Berlin`, `UTC`), kept as written.
    func timeZone(_ node: Node, key: String) -> String? {
        guard let name = string(node, key: key) else { return nil }
        guard TimeZone(identifier: name) != nil else {
            sink.error("unknown time zone '\(name)'", at: location(node),
                       hint: Suggestions.hint(for: name, in: Self.timeZoneNames,
                                              fallback: "write an IANA time zone name such as Europe/Berlin or UTC"))
            return nil
        }
        return name
    }

    /// Free labels: a string or a list of strings, without duplicates, in order.
    func labels(_ node: Node, key: String) -> [String]? {
        guard let values = references(node, key: key) else { return nil }
        var labels: [String] = []
        for value in values.map(\.value) where !labels.contains(value) { labels.append(value) }
        return labels
    }

    /// Ids (a string or a list), each checked as an id.
    func ids(_ node: Node, key: String) -> [Located<String>]? {
        if case .scalar = node, !isNull(node) { return id(node, key: key).map { [$0] } }
        guard let items = sequence(node, key: key) else { return nil }
        let ids = items.map { id($0, key: key) }
        return ids.contains { $0 == nil } ? nil : ids.compactMap { $0 }
    }

    /// Exactly two distinct names, e.g. `between: [ARC, CAL]`.
    func pair(_ node: Node, key: String, of what: String) -> [Located<String>]? {
        guard case .sequence = node else {
            typeError(key, expected: "a list of two \(what)", found: node)
            return nil
        }
        guard let names = references(node, key: key) else { return nil }
        guard names.count == 2 else {
            sink.error("'\(key)' needs exactly 2 \(what), found \(names.count)", at: location(node))
            return nil
        }
        guard names[0].value != names[1].value else {
            sink.error("'\(key)' names '\(names[0].value)' twice", at: names[1].location, hint: "name two different \(what)")
            return nil
        }
        return names
    }

    /// Public holidays: a list of local dates `YYYY-MM-DD` (read as text, also when YAML
    /// would type them as timestamps).
    func holidays(_ node: Node, key: String) -> Set<LocalDate>? {
        guard let items = sequence(node, key: key) else { return nil }
        var dates: Set<LocalDate> = []
        var failed = false
        for item in items {
            guard let text = string(item, key: key) else {
                failed = true
                continue
            }
            do {
                dates.insert(try DateTimeSyntax.date(text))
            } catch {
                sink.error(error.message, at: location(item, offset: error.offset), hint: error.hint)
                failed = true
            }
        }
        return failed ? nil : dates
    }

    /// Working hours: `24/7` (nil), `office`, or `{days: mon-fri, from: "09:00", to: "17:00"}`.
    /// Times are read from the scalar's text: YAML 1.1 would read an unquoted `17:00` as the
    /// sexagesimal integer 1020. A wrong value is reported and read as nil.
    func hours(_ node: Node, key: String) -> WeeklyHours? {
        if case .mapping = node {
            guard let fields = fields(node, key: key, what: "'\(key)'", allowed: ["days", "from", "to"], required: ["days", "from", "to"]) else {
                return nil
            }
            let days = fields["days"].flatMap(weekdays)
            let from = fields["from"].flatMap { timeOfDay($0, key: "from", closing: false) }
            let to = fields["to"].flatMap { timeOfDay($0, key: "to", closing: true) }
            guard let days, let from, let to else { return nil }
            guard from < to else {
                sink.error("'to' (\(Self.clock(to))) must be later than 'from' (\(Self.clock(from)))", at: fields.source.location(of: "to"),
                           hint: "hours cannot span midnight; 24:00 is allowed as the closing time")
                return nil
            }
            return WeeklyHours(days: days, opens: from, closes: to)
        }
        guard case .scalar = node, !isNull(node) else {
            typeError(key, expected: "24/7, office, or {days: …, from: …, to: …}", found: node)
            return nil
        }
        guard let text = string(node, key: key) else { return nil }
        switch text {
        case "24/7": return nil
        case "office": return .office
        default:
            sink.error("unknown hours '\(text)'", at: location(node),
                       hint: Suggestions.hint(for: text, in: ["24/7", "office"], fallback: HoursSyntax.general))
            return nil
        }
    }

    /// `mon-fri`, `sat`, or a list of weekdays and ranges.
    private func weekdays(_ node: Node) -> Set<Weekday>? {
        let items: [Node]
        if case .scalar = node, !isNull(node) {
            items = [node]
        } else {
            guard let list = sequence(node, key: "days") else { return nil }
            items = list
        }
        guard !items.isEmpty else {
            sink.error("'days' needs at least one weekday", at: location(node), hint: "write e.g. days: mon-fri")
            return nil
        }
        var days: Set<Weekday> = []
        var failed = false
        for item in items {
            guard let text = string(item, key: "days") else {
                failed = true
                continue
            }
            do {
                days.formUnion(try HoursSyntax.days(text))
            } catch {
                sink.error(error.message, at: location(item, offset: error.offset), hint: error.hint)
                failed = true
            }
        }
        return failed ? nil : days
    }

    private func timeOfDay(_ node: Node, key: String, closing: Bool) -> Int? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeError(key, expected: "a time of day such as \"09:00\"", found: node)
            return nil
        }
        do {
            return try HoursSyntax.minutes(scalar.string, closing: closing)
        } catch {
            sink.error("'\(key)': " + error.message, at: location(node, offset: error.offset), hint: error.hint)
            return nil
        }
    }

    /// `hh:mm` of minutes after midnight.
    static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
