import Testing
@testable import ExerciseModel
import Stochastics

/// Channel outages by inject effect. Agencies A (0) and B (1), 1 h work each; channels fast
/// (10 min) and slow (40 min) between them. Inject i0 reaches A at 0; a at A, b at B after a;
/// objective o0 from i0 to b. Inject `down` at `downAt` takes the fast channel down for 1 h.
@Suite("Handoff: channel outages")
struct HandoffOutageTests {
    static func exercise(slow: Bool = true, downAt: Double = 30 * minute, duration: Double = hour) -> Exercise {
        var channels = [makeChannel("fast", [0, 1], latency: 10 * minute, handling: 0)]
        if slow { channels.append(makeChannel("slow", [0, 1], latency: 40 * minute, handling: 0)) }
        return makeExercise(
            horizon: day, agencies: [makeAgency("A", work: [constant(hour)]), makeAgency("B", work: [constant(hour)])],
            channels: channels,
            injects: [makeInject("i0", to: 0, at: 0),
                      Inject(id: "down", description: "", receiver: 0, timing: .fixed(downAt),
                             effects: [.channelOutage(channel: 0, duration: constant(duration))])],
            tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 1, after: [0])],
            objectives: [makeObjective("o0", [1], from: .inject(0), within: day)])
    }

    @Test("during the outage a message takes the next channel that is up")
    func secondChannel() throws {
        let (outcome, trace) = try runTraced(Self.exercise())
        // Down 30 min – 1 h 30 min; a's output leaves at 1 h over slow (40 min), b 1 h 40 min – 2 h 40 min.
        #expect(outcome.taskCompletion[1] == 2 * hour + 40 * minute)
        #expect(trace.of(.messageSent, task: 1).map(\.channel) == [1])
        #expect(outcome.channels.map(\.messages) == [0, 1])
        expectAttribution(try attribution(outcome), [.work: 2 * hour, .transferLatency: 40 * minute])
        expectAttributionInvariant(outcome)
    }

    @Test("with no alternative the message waits for the channel to come back")
    func waitsForEnd() throws {
        let (outcome, trace) = try runTraced(Self.exercise(slow: false))
        // Waits 1 h – 1 h 30 min, sent then (10 min), b 1 h 40 min – 2 h 40 min.
        #expect(outcome.taskCompletion[1] == 2 * hour + 40 * minute)
        #expect(trace.of(.messageSent, task: 1).map(\.time) == [1.5 * hour])
        expectAttribution(try attribution(outcome), [.work: 2 * hour, .outage: 30 * minute, .transferLatency: 10 * minute])
        expectAttributionInvariant(outcome)
    }

    @Test("a longer outage: the wait is exactly its remainder")
    func longOutage() throws {
        let (outcome, _) = try runTraced(Self.exercise(slow: false, downAt: 0, duration: 5 * hour))
        // Down 0–5 h: a's output waits 1–5 h, arrives 5 h 10 min, b done 6 h 10 min.
        #expect(outcome.taskCompletion[1] == 6 * hour + 10 * minute)
        let found = try attribution(outcome)
        #expect(found[.outage] == 4 * hour)
        expectAttributionInvariant(outcome)
    }

    @Test("a message sent after the outage uses the best channel again")
    func afterOutage() throws {
        let (outcome, trace) = try runTraced(Self.exercise(downAt: 0, duration: 30 * minute))
        #expect(outcome.taskCompletion[1] == 2 * hour + 10 * minute)
        #expect(trace.of(.messageSent, task: 1).map(\.channel) == [0])
    }

    @Test("a request task's dispatch within the holder's jurisdiction is a message: it waits for the outage")
    func dispatchWithinJurisdiction() throws {
        // The lead (holder) and police (performer) share jurisdiction A; inject i0 takes their
        // only channel down for 2 h as it reaches the lead.
        var exercise = handoffExercise(
            jurisdictions: [handoffJurisdiction("A")],
            agencies: [handoffAgency("lead", in: 0, work: nil), handoffAgency("police", in: 0, work: hour)],
            channels: [makeChannel("net", [0, 1], latency: 10 * minute, handling: 5 * minute)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [requestTask("t0", performer: .agency(1))],
            objectives: [makeObjective("o0", [0], from: .inject(0), within: day)])
        exercise.injects[0].effects = [.channelOutage(channel: 0, duration: constant(2 * hour))]
        #expect(exercise.problems() == [])
        let (outcome, _) = try runTraced(exercise)
        // No legal request within one jurisdiction: the lead sends the case at 0, it waits for
        // the channel until 2 h, 15 min in transit and handling, work 1 h → 3 h 15 min.
        #expect(outcome.taskCompletion[0] == 3 * hour + 15 * minute)
        #expect(outcome.handoffs.requests == 0)
        expectAttribution(try attribution(outcome), [.outage: 2 * hour, .transferLatency: 10 * minute, .handling: 5 * minute,
                                                     .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("overlapping outages: the channel stays down until the later one ends")
    func overlappingOutages() throws {
        // Only the fast channel. Outage 1: 0–5 h; outage 2: 1 h–11 h. i0 at 5 h: a works 5–6 h,
        // its output must wait until 11 h: arrives 11 h 10 min, b done 12 h 10 min.
        var exercise = Self.exercise(slow: false, downAt: 0, duration: 5 * hour)
        exercise.injects[0].timing = .fixed(5 * hour)
        exercise.injects.append(Inject(id: "down2", description: "", receiver: 0, timing: .fixed(hour),
                                       effects: [.channelOutage(channel: 0, duration: constant(10 * hour))]))
        let (outcome, trace) = try runTraced(exercise)
        let sent = try #require(trace.of(.messageSent, task: 1).first)
        // The first outage's end at 5 h does not clear the channel: the later one runs to 11 h.
        #expect(sent.time == 11 * hour)
        #expect(outcome.taskCompletion[1] == 12 * hour + 10 * minute)
        expectAttributionInvariant(outcome)
    }

    @Test("staffing effects: staff restored after the duration; overlapping cuts last until the later ends")
    func staffing() throws {
        // b at B (1 h work) is triggered at 2 h; B has no staff 0–5 h (cut), then works 5–6 h.
        func exercise(second: Bool) -> Exercise {
            var injects = [makeInject("i0", to: 1, at: 2 * hour),
                           Inject(id: "cut", description: "", receiver: 1, timing: .fixed(0),
                                  effects: [.staffing(agency: 1, staff: 0, duration: constant(5 * hour))])]
            if second {
                injects.append(Inject(id: "cut2", description: "", receiver: 1, timing: .fixed(hour),
                                      effects: [.staffing(agency: 1, staff: 0, duration: constant(10 * hour))]))
            }
            return makeExercise(horizon: day, agencies: [makeAgency("A", work: [constant(hour)]), makeAgency("B", work: [constant(hour)])],
                                injects: injects, tasks: [makeTask("b", at: 1, triggers: [0])],
                                objectives: [makeObjective("o0", [0], from: .inject(0), within: day)])
        }
        let (single, _) = try runTraced(exercise(second: false))
        #expect(single.taskCompletion[0] == 6 * hour)
        expectAttribution(try attribution(single), [.staffWait: 3 * hour, .work: hour])

        // A second cut from 1 h for 10 h: B stays unstaffed until 11 h (b done 12 h).
        let (overlapping, _) = try runTraced(exercise(second: true))
        #expect(overlapping.taskCompletion[0] == 12 * hour)
        expectAttributionInvariant(overlapping)
    }
}
