internal import SimKernel

/// Where an input came from: what the critical path walks back through.
enum InputOrigin: Sendable, Equatable {
    case start
    case inject(Int32)
    case instance(Int32)
}

/// The scalar state of one task instance. One struct per instance (not one array per field):
/// resetting a reused slot is then a single store, and each write checks one array for
/// uniqueness instead of one per field.
struct InstanceSlot {
    var task: Int32
    var base: Int32
    var isMain: Bool
    /// Inputs still awaited.
    var pending: Int32 = 0
    /// Chosen performer, −1 until chosen.
    var performer: Int32 = -1
    /// Bumped whenever a dispatch is abandoned (a subject moved): older events are stale.
    var generation: Int32 = 0
    /// Originator-control marks carried (bit k: the k-th controlled inject).
    var marks: UInt64 = 0
    /// Where the last input came from (main case only).
    var origin: InputOrigin = .start
    /// The pool token it holds or waits with (−1: none), the pool's agency, and its work event.
    var activeToken: Int32 = -1
    var activeAgency: Int32 = -1
    var workHandle: EventHandle?
    /// Inputs all in; completed.
    var dispatched = false
    var done = false
    /// Its legal request failed: it will never run.
    var failed = false
    /// The dispatch message carrying the case to its performer, while on its way (−1: none).
    var dispatchMessage: Int32 = -1
    // Legal request state.
    var instrument: Int32 = -1
    var offence: Int32 = -1
    var requestStage: RequestStage = .none
}

/// The state of every task instance of a replication: `instances[i].field` for the scalar
/// state, and the main case's time records in their own arrays (they hold arrays themselves
/// and are only written for main-case instances).
struct InstanceTable {
    private var slots: [InstanceSlot] = []
    /// The journey of the last input (main case only).
    var inbound: [[Segment]] = []
    /// What the instance did since its inputs were in (main case only).
    var log: [PhaseLog] = []

    var count: Int { slots.count }

    subscript(index: Int) -> InstanceSlot {
        _read { yield slots[index] }
        _modify { yield &slots[index] }
    }

    mutating func append(task: Int32, base: Int32, main: Bool) {
        slots.append(InstanceSlot(task: task, base: base, isMain: main))
        inbound.append([])
        log.append(PhaseLog())
    }

    /// Makes slot `index` a fresh instance waiting for `pending` inputs.
    mutating func reset(_ index: Int, pending inputs: Int32) {
        let old = slots[index]
        var fresh = InstanceSlot(task: old.task, base: old.base, isMain: old.isMain)
        fresh.pending = inputs
        fresh.generation = old.generation &+ 1
        slots[index] = fresh
        if old.isMain {
            inbound[index].removeAll(keepingCapacity: true)
            log[index].reset()
        }
    }
}

/// Where a legal request stands.
enum RequestStage: Sendable {
    case none, drafting, translating, transmitting, reviewing, reframing
    /// Competing claims of jurisdiction under consultation; waiting for a listing's designation.
    case claiming, awaitingListing
}

/// Messages in flight: one struct per message, with a free list; the time records apart.
struct MessageTable {
    enum Purpose: Sendable {
        /// An input for an instance, travelling to its holder.
        case input
        /// A case dispatched from its holder to its performer.
        case dispatch
    }

    /// The scalar state of one message.
    struct Slot {
        var purpose: Purpose
        var instance: Int32
        var generation: Int32
        var from: Int32
        var to: Int32
        var channel: Int32 = -1
        var attempts: Int32 = 0
        /// 0 consent, 1 translation, 2 transmission, 3 in flight.
        var stage: Int8 = 0
        var sentAt: Double
        var classification: Classification
        var marks: UInt64
        var origin: InputOrigin
    }

    private var slots: [Slot] = []
    var log: [PhaseLog] = []
    var free: [Int32] = []

    subscript(index: Int) -> Slot {
        _read { yield slots[index] }
        _modify { yield &slots[index] }
    }

    mutating func make(_ purpose: Purpose, instance: Int32, generation: Int32, from: Int, to: Int, at time: Double,
                       classification: Classification, marks: UInt64, origin: InputOrigin) -> Int32 {
        let slot = Slot(purpose: purpose, instance: instance, generation: generation, from: Int32(from), to: Int32(to),
                        sentAt: time, classification: classification, marks: marks, origin: origin)
        if let reused = free.popLast() {
            slots[Int(reused)] = slot
            log[Int(reused)].reset()
            return reused
        }
        slots.append(slot)
        log.append(PhaseLog())
        return Int32(slots.count - 1)
    }
}

/// Counts of the cross-border machinery in one replication.
public struct HandoffCounters: Sendable, Equatable {
    /// Legal requests started (each instrument tried counts once).
    public var requests = 0
    public var dualCriminalityRefusals = 0
    public var otherRefusals = 0
    public var reframings = 0
    public var fallbacks = 0
    /// Requests that ended refused with nothing left to try.
    public var failedRequests = 0
    public var consentRequests = 0
    public var consentRefusals = 0
    /// Cases handed to another jurisdiction because their subject moved.
    public var subjectHandoffs = 0
    public var translations = 0

    public init() {}

    /// Column and key names, in the order of `values`.
    public static let names = ["requests", "dual_criminality_refusals", "other_refusals", "reframings", "fallbacks",
                               "failed_requests", "consent_requests", "consent_refusals", "subject_handoffs", "translations"]

    public var values: [Int] {
        [requests, dualCriminalityRefusals, otherRefusals, reframings, fallbacks, failedRequests, consentRequests,
         consentRefusals, subjectHandoffs, translations]
    }
}
