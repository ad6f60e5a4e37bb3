internal import ExerciseModel

/// The text parts of working hours: weekdays (`mon`, a range `mon-fri`) and times of day
/// (`09:00`, `24:00` as a closing time).
enum HoursSyntax {
    static let dayNames: [(String, Weekday)] = [("mon", .monday), ("tue", .tuesday), ("wed", .wednesday), ("thu", .thursday),
                                                ("fri", .friday), ("sat", .saturday), ("sun", .sunday)]
    static let general = "hours are 24/7, office, or {days: mon-fri, from: \"09:00\", to: \"17:00\"}"
    static let timeHint = "write a time of day as hh:mm, e.g. \"09:00\""

    /// One weekday (`sat`) or a range (`mon-fri`; `sun-thu` wraps past Sunday), in week order.
    static func days(_ text: String) throws(SyntaxError) -> [Weekday] {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw SyntaxError("'\(text)' is not a weekday or a range of weekdays", hint: "write e.g. mon-fri")
        }
        let first = try day(parts[0], offset: 0)
        guard parts.count == 2 else { return [first] }
        let last = try day(parts[1], offset: parts[0].unicodeScalars.count + 1)
        var days = [first]
        var current = first
        while current != last {
            current = Weekday(rawValue: current.rawValue % 7 + 1) ?? .monday
            days.append(current)
        }
        return days
    }

    static func day(_ text: String, offset: Int) throws(SyntaxError) -> Weekday {
        if let match = dayNames.first(where: { $0.0 == text }) { return match.1 }
        let names = dayNames.map(\.0)
        throw SyntaxError("unknown weekday '\(text)'",
                          hint: Suggestions.hint(for: text, in: names, fallback: "weekdays are " + names.joined(separator: ", ")),
                          offset: offset)
    }

    /// Minutes after local midnight of `h:mm` or `hh:mm`; `24:00` only when `closing`.
    static func minutes(_ text: String, closing: Bool) throws(SyntaxError) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.unicodeScalars.allSatisfy(DurationSyntax.isDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else {
            throw SyntaxError("'\(text)' is not a time of day", hint: timeHint)
        }
        if hour == 24 && minute == 0 && closing { return 24 * 60 }
        guard hour < 24 else {
            throw SyntaxError("hour \(hour) is out of range in '\(text)'",
                              hint: closing ? "hours run from 00 to 23; 24:00 is allowed as a closing time" : "hours run from 00 to 23")
        }
        guard minute < 60 else {
            throw SyntaxError("minute \(minute) is out of range in '\(text)'", hint: "minutes run from 00 to 59", offset: parts[0].count + 1)
        }
        return hour * 60 + minute
    }
}
