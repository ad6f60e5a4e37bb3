public import ExerciseModel
internal import Foundation
internal import Stochastics

/// A plain-language reading of a compiled exercise (`jtx explain`): who is involved in each
/// jurisdiction, which channels connect whom, which legal instruments apply between which
/// states, what the MSEL delivers, which objectives are measured from what trigger and by when,
/// and the threat clock. A planner's check that the file says what they meant.
///
/// Everything here is read from the `Exercise` (after references are resolved), so rules such as
/// `connects: {kinds: [fiu]}` or `parties: {member-of: eu}` appear as the agencies and states
/// they name. `text()` is for people; the value itself encodes as JSON for programs.
public struct ScenarioExplanation: Encodable, Sendable {
    public struct Member: Encodable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var staff: Int
        public var hours: String
        public var capabilities: [String]
    }

    public struct Place: Encodable, Sendable {
        public var id: String
        public var name: String
        public var timeZone: String
        public var languages: [String]
        public var memberOf: [String]
        public var agencies: [Member]
    }

    public struct Link: Encodable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var connects: [String]
        public var maxClassification: String
        public var meanDelay: String
        public var failure: String?
    }

    public struct Route: Encodable, Sendable {
        public var from: String
        public var to: String
        /// The instrument jtx uses (lowest expected draft + transmission + review); nil: none applies.
        public var instrument: String?
    }

    public struct Treaty: Encodable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var parties: [String]
        public var serves: [String]
        public var dualCriminality: String
        public var fallback: String?
    }

    public struct CrossBorderRequest: Encodable, Sendable {
        public var task: String
        public var request: String
        public var requester: String
        public var performers: [String]
        public var routes: [Route]
    }

    public struct MSELEntry: Encodable, Sendable {
        public var id: String
        public var time: String
        public var to: String
        public var description: String
        public var triggers: [String]
        public var repeats: String?
    }

    public struct Step: Encodable, Sendable {
        public var id: String
        public var performer: String
        public var capability: String
        public var after: [String]
    }

    public struct Measure: Encodable, Sendable {
        public var id: String
        public var description: String
        public var milestone: [String]
        public var trigger: String
        public var deadline: String
        public var deadlineHours: Double
        public var capability: String
    }

    public struct Clock: Encodable, Sendable {
        public var description: String
        public var time: String
        public var disruptedBy: [String]
    }

    public var name: String
    public var description: String
    public var start: String
    public var horizon: String
    public var replications: Int
    public var seed: UInt64
    public var lead: String?
    public var jurisdictions: [Place]
    public var channels: [Link]
    public var instruments: [Treaty]
    public var requests: [CrossBorderRequest]
    public var cooperation: [String]
    public var subjects: [String]
    public var injects: [MSELEntry]
    public var plan: [Step]
    public var objectives: [Measure]
    public var threat: Clock?

    public init(_ exercise: Exercise) {
        let agencyIDs = exercise.agencies.map(\.id)
        let taskIDs = exercise.tasks.map(\.id)
        let places = exercise.jurisdictions.map(\.id)
        name = exercise.name
        description = exercise.description
        start = exercise.start
        horizon = Self.duration(exercise.horizon)
        replications = exercise.defaultReplications
        seed = exercise.defaultSeed
        lead = exercise.lead.map { agencyIDs[$0] }
        jurisdictions = exercise.jurisdictions.enumerated().map { index, place in
            let members = exercise.agencies.filter { $0.jurisdictionIndex == index }.map { agency in
                Member(id: agency.id, name: agency.name, kind: agency.kind.rawValue, staff: agency.staff,
                       hours: Self.hours(agency.hours),
                       capabilities: agency.workTime.indices.filter { agency.has(capability: $0) }.map { exercise.capabilities[$0] })
            }
            return Place(id: place.id, name: place.name, timeZone: place.timeZone, languages: place.languages,
                         memberOf: place.memberships.sorted(), agencies: members)
        }
        channels = exercise.channels.map { channel in
            let failure = channel.failureProbability > 0
                ? "\(SummaryTable.percent(channel.failureProbability)) of attempts fail; up to \(channel.maxAttempts) attempts"
                : nil
            return Link(id: channel.id, name: channel.name, kind: channel.kind.rawValue, connects: channel.members.map { agencyIDs[$0] },
                        maxClassification: channel.maxClassification.name, meanDelay: Self.duration(channel.expectedDelay), failure: failure)
        }
        instruments = exercise.instruments.map { instrument in
            var dual = instrument.requiresDualCriminality ? "required" : "not required"
            if instrument.requiresDualCriminality && !instrument.waivedOffences.isEmpty {
                dual += ", waived for " + instrument.waivedOffences.sorted().map { exercise.offences[$0] }.joined(separator: ", ")
            }
            return Treaty(id: instrument.id, name: instrument.name, kind: instrument.kind.rawValue,
                          parties: instrument.parties.map { places[$0] }, serves: instrument.serves.map(\.rawValue).sorted(),
                          dualCriminality: dual, fallback: instrument.fallback.map { exercise.instruments[$0].id })
        }
        let compiled = CompiledPlan(exercise)
        requests = exercise.tasks.compactMap { task in
            guard let kind = task.request else { return nil }
            let requester = task.requester ?? exercise.lead
            let from = requester.map { exercise.agencies[$0].jurisdictionIndex }
            var targets: [Int] = []
            for candidate in task.performer.candidates {
                let place = exercise.agencies[candidate].jurisdictionIndex
                if place != from && !targets.contains(place) { targets.append(place) }
            }
            let routes = targets.map { to in
                Route(from: from.map { places[$0] } ?? "?", to: places[to],
                      instrument: from.flatMap { compiled.bestInstrument(from: $0, to: to, kind: kind) }.map { exercise.instruments[$0].id })
            }
            return CrossBorderRequest(task: task.id, request: kind.rawValue, requester: requester.map { agencyIDs[$0] } ?? "the lead agency",
                                      performers: task.performer.candidates.map { agencyIDs[$0] }, routes: routes)
        }
        cooperation = exercise.cooperation.map { pair in
            var text = "\(places[pair.between.0])–\(places[pair.between.1]): requests accepted with probability \(SummaryTable.decimal(pair.willingness))"
            if pair.delayMultiplier != 1 { text += ", reviews take \(SummaryTable.decimal(pair.delayMultiplier))× as long" }
            return text
        }
        subjects = exercise.subjects.map { subject in
            var text = subject.id + (subject.description.isEmpty ? "" : " (\(subject.description))") + ": starts in \(places[subject.startsIn])"
            switch subject.movement {
            case .itinerary(let stops)?:
                text += ", then " + stops.map { "to \(places[$0.to]) at \(Self.time($0.time))" }.joined(separator: ", ")
            case .random(let interval, let among)?:
                text += ", then moves every \(Self.time(interval)) among " + among.map { places[$0] }.joined(separator: ", ")
            case nil:
                break
            }
            return text
        }
        injects = exercise.injects.enumerated().map { index, inject in
            let time: String
            switch inject.timing {
            case .fixed(let seconds): time = "at " + Self.duration(seconds)
            case .random(let distribution): time = "at " + Self.time(distribution)
            case .after(let other, let delay): time = Self.time(delay) + " after " + exercise.injects[other].id
            }
            let triggered = exercise.tasks.filter { $0.triggers.contains(index) }.map(\.id)
            let repeats = inject.repetition.map { repetition in
                "repeats every \(Self.time(repetition.interval))" + (repetition.count.map { ", \($0) times in all" } ?? " until the horizon")
            }
            return MSELEntry(id: inject.id, time: time, to: agencyIDs[inject.receiver], description: inject.description,
                             triggers: triggered, repeats: repeats)
        }
        plan = exercise.tasks.map { task in
            let performer: String
            switch task.performer {
            case .agency(let index): performer = agencyIDs[index]
            case .leastLoaded(let candidates): performer = "the least loaded of " + candidates.map { agencyIDs[$0] }.joined(separator: ", ")
            case .subjectLocation(let subject, let candidates):
                performer = "whichever of " + candidates.map { agencyIDs[$0] }.joined(separator: ", ") + " is where \(exercise.subjects[subject].id) is"
            }
            return Step(id: task.id, performer: performer, capability: exercise.capabilities[task.capability],
                        after: task.prerequisites.map { taskIDs[$0] })
        }
        objectives = exercise.objectives.map { objective in
            let trigger: String
            switch objective.trigger {
            case .exerciseStart: trigger = "the exercise start"
            case .inject(let index): trigger = "inject \(exercise.injects[index].id)"
            case .task(let index): trigger = "the completion of task \(taskIDs[index])"
            }
            return Measure(id: objective.id, description: objective.description, milestone: objective.milestone.map { taskIDs[$0] },
                           trigger: trigger, deadline: Self.duration(objective.deadline), deadlineHours: objective.deadline / 3600,
                           capability: objective.coreCapability.rawValue)
        }
        threat = exercise.threat.map { threat in
            Clock(description: threat.description, time: Self.time(threat.time), disruptedBy: threat.disruptedBy.map { taskIDs[$0] })
        }
    }

    // MARK: - Text

    /// The explanation as plain text, one section per aspect, wrapped for a terminal.
    public func text() -> String {
        var out = "\(name)\n" + String(repeating: "=", count: name.count) + "\n"
        if !description.isEmpty { out += "\(description)\n" }
        out += "\nStarts \(start) and runs for \(horizon); by default \(replications) replications with seed \(seed)."
        if let lead { out += " Lead agency: \(lead)." }
        out += "\n"

        out += Self.heading("Who is involved")
        for place in jurisdictions {
            var details = [place.timeZone]
            if !place.languages.isEmpty { details.append("speaks " + place.languages.joined(separator: ", ")) }
            if !place.memberOf.isEmpty { details.append("member of " + place.memberOf.joined(separator: ", ")) }
            out += "\(place.id) — \(place.name) (\(details.joined(separator: "; ")))\n"
            if place.agencies.isEmpty { out += "  no agencies\n" }
            for agency in place.agencies {
                let staff = agency.staff == 1 ? "1 staff member" : "\(agency.staff) staff"
                out += Self.wrap("- \(agency.id): \(agency.name); \(agency.kind), \(staff), works \(agency.hours); can "
                                 + agency.capabilities.joined(separator: ", ") + ".", indent: 2)
            }
        }

        out += Self.heading("Channels: who can talk to whom")
        if channels.isEmpty { out += "none\n" }
        for channel in channels {
            var line = "- \(channel.id) (\(channel.name), \(channel.kind)) connects " + channel.connects.joined(separator: ", ")
                + "; carries up to \(channel.maxClassification); about \(channel.meanDelay) per message on average (latency + handling)"
            if let failure = channel.failure { line += "; \(failure)" }
            out += Self.wrap(line + ".", indent: 0)
        }

        out += Self.heading("Legal instruments: which apply between which states")
        if instruments.isEmpty { out += "none declared: requests across borders cannot be made\n" }
        for instrument in instruments {
            var line = "- \(instrument.id) (\(instrument.name)) between " + instrument.parties.joined(separator: ", ")
                + " for " + instrument.serves.joined(separator: ", ") + "; dual criminality \(instrument.dualCriminality)"
            if let fallback = instrument.fallback { line += "; if refused, falls back to \(fallback)" }
            out += Self.wrap(line + ".", indent: 0)
        }
        if !requests.isEmpty {
            out += "\nCross-border requests in the plan:\n"
            for request in requests {
                var line = "- \(request.task): \(request.requester) requests \(request.request) from " + request.performers.joined(separator: " or ")
                let routes = request.routes.map { "\($0.from)→\($0.to) by \($0.instrument ?? "NO INSTRUMENT")" }
                if !routes.isEmpty { line += " (" + routes.joined(separator: ", ") + ")" }
                out += Self.wrap(line + ".", indent: 0)
            }
        }
        if !cooperation.isEmpty {
            out += "\nCooperation between states:\n" + cooperation.map { Self.wrap("- " + $0 + ".", indent: 0) }.joined()
        }
        if !subjects.isEmpty {
            out += "\nTracked subjects:\n" + subjects.map { Self.wrap("- " + $0 + ".", indent: 0) }.joined()
        }

        out += Self.heading("The MSEL: what happens when")
        if injects.isEmpty { out += "no injects\n" }
        for inject in injects {
            var line = "- \(inject.id) \(inject.time), to \(inject.to)"
            if !inject.description.isEmpty { line += ": \(inject.description)" }
            if !inject.triggers.isEmpty { line += (line.hasSuffix(".") ? "" : ".") + " Starts " + inject.triggers.joined(separator: ", ") + "." }
            if let repeats = inject.repeats { line += " It \(repeats) (background load)." }
            out += Self.wrap(line, indent: 0)
        }

        out += Self.heading("The plan")
        for step in plan {
            var line = "- \(step.id): \(step.performer) (\(step.capability))"
            if !step.after.isEmpty { line += ", after " + step.after.joined(separator: ", ") }
            out += Self.wrap(line + ".", indent: 0)
        }

        out += Self.heading("Objectives: what is measured, from what trigger, by when")
        if objectives.isEmpty { out += "none\n" }
        for objective in objectives {
            let milestone = objective.milestone.count == 1 ? "task \(objective.milestone[0]) is done"
                : "tasks " + objective.milestone.joined(separator: " and ") + " are all done"
            var line = "- \(objective.id): \(milestone) within \(objective.deadline) of \(objective.trigger) (\(objective.capability))."
            if !objective.description.isEmpty { line += " \"\(objective.description)\"" }
            out += Self.wrap(line, indent: 0)
        }
        if objectives.count > 1 {
            let sorted = objectives.sorted { $0.deadlineHours < $1.deadlineHours }
            out += Self.wrap("Deadlines, shortest first: " + sorted.map { "\($0.id) \($0.deadline)" }.joined(separator: ", ") + ".", indent: 0)
        }

        out += Self.heading("Threat clock")
        if let threat {
            let what = threat.description.isEmpty ? "The attack" : threat.description
            out += Self.wrap("\(what) Attack time: \(threat.time). Disrupted if " + threat.disruptedBy.joined(separator: " and ")
                             + " \(threat.disruptedBy.count == 1 ? "is" : "are") done first.", indent: 0)
        } else {
            out += "none: the exercise measures its objectives only\n"
        }
        return out
    }

    /// The explanation as JSON (sorted keys, pretty-printed).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    // MARK: - Wording

    static func heading(_ title: String) -> String { "\n\(title)\n" + String(repeating: "-", count: title.count) + "\n" }

    /// `text` wrapped at 100 columns, continuation lines indented by `indent` + 2.
    static func wrap(_ text: String, indent: Int, width: Int = 100) -> String {
        var lines: [String] = []
        var line = String(repeating: " ", count: indent)
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent + 2) + word
            } else {
                line += (lineHasWord ? " " : "") + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A length of time in words: `45 min`, `6.0 h`, `3.0 d`.
    static func duration(_ seconds: Double) -> String { SummaryTable.hours(seconds / 3600) }

    /// A random or fixed time in words: `2.0 h`, or `about 1.2 d on average (lognormal, median 1.0 d)`.
    static func time(_ distribution: Distribution) -> String {
        switch distribution.family {
        case .constant(let value):
            return duration(value)
        case .lognormal(let mu, _):
            return "about \(duration(distribution.mean)) on average (lognormal, median \(duration(Foundation.exp(mu))))"
        case .uniform(let low, let high):
            return "between \(duration(low)) and \(duration(high))"
        case .triangular(let low, let mode, let high), .pert(let low, let mode, let high):
            return "\(duration(low)) to \(duration(high)), most likely \(duration(mode))"
        default:
            return "about \(duration(distribution.mean)) on average"
        }
    }

    static func hours(_ hours: WeeklyHours?) -> String {
        guard let hours else { return "24/7" }
        if hours == .office { return "office hours (Mon–Fri 09:00–17:00)" }
        let names = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = hours.days.sorted { $0.rawValue < $1.rawValue }.map { names[$0.rawValue] }.joined(separator: ",")
        func clock(_ minutes: Int) -> String {
            let h = minutes / 60, m = minutes % 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
        return "\(days) \(clock(hours.opens))–\(clock(hours.closes))"
    }
}
