import Testing
import SimKernel

/// Records every event it handles; optionally feeds itself (each event schedules the next one
/// `period` later) and asks to stop after `stopAfter` events.
struct RecordingModel: SimulationModel {
    typealias Event = Int

    var times: [Double] = []
    var events: [Int] = []
    var selfFeedingPeriod: Double?
    var stopAfter: Int?
    /// Events to schedule exactly `delay` after handling event `key` (e.g. at the horizon).
    var followUps: [Int: (event: Int, delay: Double)] = [:]

    mutating func handle(_ event: Int, calendar: inout EventCalendar<Int>) {
        times.append(calendar.now)
        events.append(event)
        if let period = selfFeedingPeriod { calendar.schedule(event + 1, after: period) }
        if let followUp = followUps[event] { calendar.schedule(followUp.event, after: followUp.delay) }
    }

    var stopRequested: Bool {
        guard let stopAfter else { return false }
        return events.count >= stopAfter
    }
}

@Suite("Simulation.run")
struct SimulationRunTests {
    @Test func runsToCalendarEmpty() throws {
        var simulation = Simulation(model: RecordingModel())
        for (event, time) in [(3, 3.0), (1, 1.0), (2, 2.0)] { simulation.calendar.schedule(event, at: time) }
        #expect(try simulation.run() == .calendarEmpty)
        #expect(simulation.model.events == [1, 2, 3])
        #expect(simulation.model.times == [1, 2, 3])
        #expect(simulation.now == 3)
        #expect(simulation.eventsProcessed == 3)
        // Nothing left: a second call returns at once.
        #expect(try simulation.run(until: 10) == .calendarEmpty)
        #expect(simulation.eventsProcessed == 3)
    }

    @Test func emptyCalendarIsCalendarEmpty() throws {
        var simulation = Simulation(model: RecordingModel())
        #expect(try simulation.run(until: 5) == .calendarEmpty)
        #expect(simulation.eventsProcessed == 0 && simulation.now == 0)
    }

    @Test func stopsAtTheHorizonAndContinues() throws {
        var model = RecordingModel()
        // Event 2 (at the horizon 5) schedules event 20 also exactly at the horizon.
        model.followUps = [2: (20, 0)]
        var simulation = Simulation(model: model)
        for (event, time) in [(0, 1.0), (1, 2.0), (2, 5.0), (3, 5.0), (4, 7.0), (5, 9.0)] {
            simulation.calendar.schedule(event, at: time)
        }
        #expect(try simulation.run(until: 5) == .horizonReached)
        #expect(simulation.model.events == [0, 1, 2, 3, 20], "events exactly at the horizon are processed")
        #expect(simulation.now == 5)
        #expect(simulation.calendar.pendingCount == 2)
        #expect(simulation.calendar.nextTime == 7)

        // No event in (5, 6]: the clock still moves to the horizon.
        #expect(try simulation.run(until: 6) == .horizonReached)
        #expect(simulation.now == 6 && simulation.model.events.count == 5)

        #expect(try simulation.run(until: 8) == .horizonReached)
        #expect(simulation.model.events.suffix(1) == [4] && simulation.now == 8)

        #expect(try simulation.run() == .calendarEmpty)
        #expect(simulation.model.events == [0, 1, 2, 3, 20, 4, 5])
        #expect(simulation.model.times == [1, 2, 5, 5, 5, 7, 9])
        #expect(simulation.now == 9 && simulation.eventsProcessed == 7)
    }

    @Test func horizonBeforeFirstEventOnlyMovesTheClock() throws {
        var simulation = Simulation(model: RecordingModel())
        simulation.calendar.schedule(0, at: 10)
        #expect(try simulation.run(until: 3) == .horizonReached)
        #expect(simulation.now == 3 && simulation.eventsProcessed == 0 && simulation.calendar.pendingCount == 1)
    }

    @Test func eventCapThrowsWithTheCap() throws {
        var model = RecordingModel()
        model.selfFeedingPeriod = 1
        var simulation = Simulation(model: model)
        simulation.calendar.schedule(1, at: 1)
        #expect(throws: EventCapExceeded(cap: 10, time: 10)) { try simulation.run(eventCap: 10) }
        #expect(simulation.eventsProcessed == 10)
        #expect(simulation.model.events == Array(1...10))
        do throws(EventCapExceeded) {
            _ = try simulation.run(eventCap: 10)
            Issue.record("the cap counts all events since creation: it should throw at once")
        } catch {
            #expect(error.cap == 10 && error.time == 10)
            #expect(!error.description.isEmpty)
        }
        #expect(simulation.eventsProcessed == 10)
    }

    @Test func eventCapCountsEventsAcrossRuns() throws {
        var model = RecordingModel()
        model.selfFeedingPeriod = 1
        var simulation = Simulation(model: model)
        simulation.calendar.schedule(1, at: 1)
        #expect(try simulation.run(until: 5, eventCap: 8) == .horizonReached)
        #expect(simulation.eventsProcessed == 5)
        #expect(throws: EventCapExceeded(cap: 8, time: 8)) { try simulation.run(until: 100, eventCap: 8) }
        #expect(simulation.eventsProcessed == 8)
    }

    @Test func exactlyCapEventsDoNotThrow() throws {
        var simulation = Simulation(model: RecordingModel())
        for index in 0..<10 { simulation.calendar.schedule(index, at: Double(index)) }
        #expect(try simulation.run(eventCap: 10) == .calendarEmpty)
        #expect(simulation.eventsProcessed == 10)
    }

    @Test func stopRequestedModelStops() throws {
        var model = RecordingModel()
        model.selfFeedingPeriod = 0.5
        model.stopAfter = 4
        var simulation = Simulation(model: model)
        simulation.calendar.schedule(0, at: 0)
        #expect(try simulation.run(until: 100) == .stopRequested)
        #expect(simulation.model.events == [0, 1, 2, 3])
        #expect(simulation.now == 1.5)
        #expect(simulation.calendar.pendingCount == 1, "the next event stays pending")
        // Still stopped on the next call, before processing anything.
        #expect(try simulation.run(until: 100) == .stopRequested)
        #expect(simulation.eventsProcessed == 4)
        // Lifting the stop resumes where it was.
        simulation.model.stopAfter = 6
        #expect(try simulation.run(until: 100) == .stopRequested)
        #expect(simulation.model.times == [0, 0.5, 1, 1.5, 2, 2.5])
    }
}
