/// A 64-bit fingerprint of what a replication did: a hash over a fixed encoding of the ordered
/// event sequence and of the outcome record (OMNeT++'s fingerprint tests do the same).
///
/// The hash is FNV-1a 64 taken a 64-bit word at a time, with a rotation after each step:
/// `state = rotl((state ^ word) &* FNV prime, 29)`, from FNV's offset basis. Byte-at-a-time
/// FNV-1a costs 8 dependent multiplications per word — about 4 times as long, measured, for the
/// 5 words of an event — and the event loop runs this for every traced event. Each step is a
/// bijection of the state, so two sequences that differ in one word always differ in the end;
/// the rotation carries the high bits, which a multiplication only moves upwards, back into the
/// low ones for the next word.
///
/// Values are words built arithmetically (Doubles by their IEEE-754 bits, pairs of 32-bit ids
/// packed by shifting, optionals with a presence tag), never memory reinterpreted, so the result
/// does not depend on the byte order. The function is fixed — unlike Swift's `Hasher`, which is
/// seeded per process — so the same events give the same fingerprint in every run, for any
/// number of jobs and on every platform. (Whether the *events* are the same on another platform
/// depends on its libm rounding the same way; see docs/regression.md.)
///
/// The state is one `UInt64`: feeding it allocates nothing, so it runs inside the event loop.
public struct Fingerprint: Sendable, Hashable {
    /// FNV-1a 64's offset basis and prime.
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    public private(set) var value: UInt64

    public init() { value = Self.offsetBasis }

    /// Feeds one 64-bit word.
    @inline(__always)
    public mutating func add(_ word: UInt64) {
        let mixed = (value ^ word) &* Self.prime
        value = mixed << 29 | mixed >> 35
    }

    @inline(__always)
    public mutating func add(_ number: Double) { add(number.bitPattern) }

    @inline(__always)
    public mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    /// Two 32-bit ids as one word (`high` in the upper half).
    @inline(__always)
    public mutating func add(_ high: Int32, _ low: Int32) {
        add(UInt64(UInt32(bitPattern: high)) << 32 | UInt64(UInt32(bitPattern: low)))
    }

    /// A presence tag (0 absent, 1 present), then the value's bits.
    public mutating func add(_ number: Double?) {
        if let number {
            add(UInt64(1))
            add(number)
        } else {
            add(UInt64(0))
        }
    }

    /// One traced event: its time, its kind and every id it involves, as 5 words.
    @inline(__always)
    public mutating func add(_ event: TraceEvent) {
        add(event.time)
        add(Int32(event.kind.fingerprintCode), event.agency)
        add(event.peer, event.task)
        add(event.instance, event.channel)
        add(event.message, event.inject)
    }

    /// The 16 lower-case hex digits of `value`, zero-padded (how result files write it).
    public var hex: String { Self.hex(value) }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Reads 16 (or fewer) hex digits back; nil if `text` is not hex.
    public static func parse(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.count <= 16 else { return nil }
        return UInt64(text, radix: 16)
    }

    /// The fingerprint of a whole run: the same hash over the replications' fingerprints in
    /// replication order.
    public static func combine<S: Sequence>(_ replications: S) -> UInt64 where S.Element == UInt64 {
        var overall = Fingerprint()
        for fingerprint in replications { overall.add(fingerprint) }
        return overall.value
    }
}

extension TraceKind {
    /// A fixed number per kind for fingerprints (never renumber: that would change every
    /// fingerprint; add new kinds at the end).
    public var fingerprintCode: UInt8 {
        switch self {
        case .injectFired: 1
        case .taskReady: 2
        case .taskStarted: 3
        case .taskCompleted: 4
        case .messageSent: 5
        case .attemptFailed: 6
        case .messageDelivered: 7
        case .messageLost: 8
        case .requestSent: 9
        case .requestRefused: 10
        case .requestGranted: 11
        case .subjectMoved: 12
        case .handoff: 13
        case .attack: 14
        }
    }
}

extension Fingerprint {
    /// Feeds every field of a replication's record except its index (the run's fingerprint
    /// orders replications), with a separator word first so that no event can be mistaken for
    /// the record.
    public mutating func add(_ outcome: ReplicationOutcome) {
        add(UInt64(0x6F75_7463_6F6D_6521))  // "outcome!"
        add(outcome.taskCompletion.count)
        for time in outcome.taskCompletion { add(time) }
        add(outcome.injectFired.count)
        for time in outcome.injectFired { add(time) }
        add(outcome.objectives.count)
        for objective in outcome.objectives {
            add(objective.triggeredAt)
            add(objective.reachedAt)
            add(objective.elapsed)
            add(Int(objective.rating.fingerprintCode))
            if let attribution = objective.attribution {
                add(attribution.seconds.count)
                for seconds in attribution.seconds { add(seconds) }
            } else {
                add(-1)
            }
        }
        if let threat = outcome.threat {
            add(threat.attackAt)
            add(threat.disruptedAt)
        } else {
            add(UInt64.max)
        }
        add(outcome.agencies.count)
        for agency in outcome.agencies {
            add(agency.utilisation)
            add(agency.meanQueueWait)
            add(agency.tasksStarted)
            add(agency.tasksCompleted)
            add(agency.maxQueueLength)
        }
        add(outcome.channels.count)
        for channel in outcome.channels {
            add(channel.messages)
            add(channel.delivered)
            add(channel.failedAttempts)
            add(channel.lost)
            add(channel.meanLatency)
        }
        add(outcome.events)
        add(outcome.backgroundCases)
        add(outcome.endTime)
        for count in outcome.handoffs.values { add(count) }
    }
}

extension Rating {
    /// A fixed number per rating for fingerprints.
    public var fingerprintCode: UInt8 {
        switch self {
        case .p: 1
        case .s: 2
        case .m: 3
        case .u: 4
        case .notTriggered: 5
        }
    }
}
