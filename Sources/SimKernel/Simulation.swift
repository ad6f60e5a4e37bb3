/// A model driven by the kernel: it reacts to its own events by changing its state and
/// scheduling more events.
///
/// The kernel is generic over the model, so `handle` is called directly (and inlined in a
/// release build): no existentials or closures in the event loop.
public protocol SimulationModel {
    /// The model's event type: a small value (typically an enum with integer payloads).
    associatedtype Event

    /// Reacts to `event`, which fires at `calendar.now`.
    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>)

    /// Checked after every event: true ends the run with `.stopRequested`.
    var stopRequested: Bool { get }
}

extension SimulationModel {
    public var stopRequested: Bool { false }
}

/// Why a call to `Simulation.run` returned.
public enum RunOutcome: Equatable, Sendable {
    /// No event is left.
    case calendarEmpty
    /// The next event lies beyond the horizon; the clock stands at the horizon.
    case horizonReached
    /// The model's `stopRequested` became true.
    case stopRequested
}

/// A run processed more events than allowed: usually a model that feeds itself forever.
public struct EventCapExceeded: Error, Equatable, Sendable, CustomStringConvertible {
    /// The cap that was hit.
    public let cap: Int
    /// The simulation time when it was hit.
    public let time: Double

    @inlinable public init(cap: Int, time: Double) {
        self.cap = cap
        self.time = time
    }

    public var description: String {
        "the run processed \(cap) events and was stopped at simulation time \(time); raise the event cap if the model is meant to be this busy, or look for events that schedule each other without end"
    }
}

/// A model together with its event calendar: the run loop.
public struct Simulation<Model: SimulationModel> {
    /// The model's state (readable and resettable between runs).
    public var model: Model
    /// The pending events and the clock.
    public var calendar: EventCalendar<Model.Event>
    /// Events processed since the simulation was created.
    public var eventsProcessed: Int { _eventsProcessed }
    @usableFromInline var _eventsProcessed: Int = 0

    @inlinable
    public init(model: Model, calendar: EventCalendar<Model.Event> = EventCalendar()) {
        self.model = model
        self.calendar = calendar
    }

    /// The simulation clock.
    @inlinable public var now: Double { calendar.now }

    /// Processes events in time order until the calendar is empty, the next event lies after
    /// `horizon`, the model asks to stop, or `eventCap` events in total have been processed.
    ///
    /// Events exactly at the horizon are processed. `run` can be called again with a later
    /// horizon to continue (the state carries over), which is how a warm-up is separated from a
    /// measured period.
    /// - Throws: `EventCapExceeded` when the total number of processed events would exceed `eventCap`.
    @inlinable
    public mutating func run(until horizon: Double = .infinity, eventCap: Int = .max) throws(EventCapExceeded) -> RunOutcome {
        while true {
            if model.stopRequested { return .stopRequested }
            if _eventsProcessed >= eventCap, let next = calendar.nextTime, next <= horizon {
                throw EventCapExceeded(cap: eventCap, time: calendar.now)
            }
            guard let (_, event) = calendar.popNext(notAfter: horizon) else {
                if calendar.isEmpty { return .calendarEmpty }
                calendar.advance(to: horizon)
                return .horizonReached
            }
            _eventsProcessed += 1
            model.handle(event, calendar: &calendar)
        }
    }
}
