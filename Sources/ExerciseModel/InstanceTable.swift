internal import SimKernel

/// Where an input came from: what the critical path walks back through.
enum InputOrigin: Sendable, Equatable {
    case start
    case inject(Int32)
    case instance(Int32)
}

/// The state of every task instance of a replication, as parallel arrays (struct of arrays).
struct InstanceTable {
    var task: [Int32] = []
    var base: [Int32] = []
    var isMain: [Bool] = []
    /// Inputs still awaited.
    var pending: [Int32] = []
    /// Chosen performer, −1 until chosen.
    var performer: [Int32] = []
    /// Bumped whenever a dispatch is abandoned (a subject moved): older events are stale.
    var generation: [Int32] = []
    /// Originator-control marks carried (bit k: the k-th controlled inject).
    var marks: [UInt64] = []
    /// Where the last input came from, and its journey (main case only).
    var origin: [InputOrigin] = []
    var inbound: [[Segment]] = []
    /// What the instance did since its inputs were in (main case only).
    var log: [PhaseLog] = []
    /// The pool token it holds or waits with (−1: none), the pool's agency, and its work event.
    var activeToken: [Int32] = []
    var activeAgency: [Int32] = []
    var workHandle: [EventHandle?] = []
    /// Inputs all in; completed.
    var dispatched: [Bool] = []
    var done: [Bool] = []
    /// Its legal request failed: it will never run.
    var failed: [Bool] = []
    /// The dispatch message carrying the case to its performer, while on its way (−1: none).
    var dispatchMessage: [Int32] = []
    // Legal request state.
    var instrument: [Int32] = []
    var offence: [Int32] = []
    var requestStage: [RequestStage] = []

    var count: Int { task.count }

    mutating func append(task: Int32, base: Int32, main: Bool) {
        self.task.append(task)
        self.base.append(base)
        isMain.append(main)
        pending.append(0)
        performer.append(-1)
        generation.append(0)
        marks.append(0)
        origin.append(.start)
        inbound.append([])
        log.append(PhaseLog())
        activeToken.append(-1)
        activeAgency.append(-1)
        workHandle.append(nil)
        dispatched.append(false)
        done.append(false)
        failed.append(false)
        dispatchMessage.append(-1)
        instrument.append(-1)
        offence.append(-1)
        requestStage.append(.none)
    }

    /// Makes slot `index` a fresh instance waiting for `pending` inputs.
    mutating func reset(_ index: Int, pending inputs: Int32) {
        pending[index] = inputs
        performer[index] = -1
        generation[index] &+= 1
        marks[index] = 0
        origin[index] = .start
        inbound[index].removeAll(keepingCapacity: true)
        log[index].reset()
        activeToken[index] = -1
        activeAgency[index] = -1
        workHandle[index] = nil
        dispatched[index] = false
        done[index] = false
        failed[index] = false
        dispatchMessage[index] = -1
        instrument[index] = -1
        offence[index] = -1
        requestStage[index] = .none
    }
}

/// Where a legal request stands.
enum RequestStage: Sendable {
    case none, drafting, translating, transmitting, reviewing, reframing
    /// Competing claims of jurisdiction under consultation; waiting for a listing's designation.
    case claiming, awaitingListing
}

/// Messages in flight, as parallel arrays with a free list.
struct MessageTable {
    enum Purpose: Sendable {
        /// An input for an instance, travelling to its holder.
        case input
        /// A case dispatched from its holder to its performer.
        case dispatch
    }

    var purpose: [Purpose] = []
    var instance: [Int32] = []
    var generation: [Int32] = []
    var from: [Int32] = []
    var to: [Int32] = []
    var channel: [Int32] = []
    var attempts: [Int32] = []
    /// 0 consent, 1 translation, 2 transmission, 3 in flight.
    var stage: [Int8] = []
    var sentAt: [Double] = []
    var classification: [Classification] = []
    var marks: [UInt64] = []
    var origin: [InputOrigin] = []
    var log: [PhaseLog] = []
    var free: [Int32] = []

    mutating func make(_ purpose: Purpose, instance: Int32, generation: Int32, from: Int, to: Int, at time: Double,
                       classification: Classification, marks: UInt64, origin: InputOrigin) -> Int32 {
        let m: Int32
        if let reused = free.popLast() {
            m = reused
            let i = Int(m)
            self.purpose[i] = purpose
            self.instance[i] = instance
            self.generation[i] = generation
            self.from[i] = Int32(from)
            self.to[i] = Int32(to)
            channel[i] = -1
            attempts[i] = 0
            stage[i] = 0
            sentAt[i] = time
            self.classification[i] = classification
            self.marks[i] = marks
            self.origin[i] = origin
            log[i].reset()
        } else {
            m = Int32(self.purpose.count)
            self.purpose.append(purpose)
            self.instance.append(instance)
            self.generation.append(generation)
            self.from.append(Int32(from))
            self.to.append(Int32(to))
            channel.append(-1)
            attempts.append(0)
            stage.append(0)
            sentAt.append(time)
            self.classification.append(classification)
            self.marks.append(marks)
            self.origin.append(origin)
            log.append(PhaseLog())
        }
        return m
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
