import Testing
@testable import ExerciseModel
import Stochastics

/// Which channel carries a message: the lowest mean latency + mean handling among the channels
/// connecting both agencies at the information's classification; ties to the first declared.
@Suite("Channel selection")
struct ChannelSelectionTests {
    /// A(0) and B(1) (work 1 h each), connected by "fast" (10 + 5 min, at most restricted)
    /// and "slow" (1 h + 30 min, at most secret). Inject i0 (restricted) and i1 (secret) both
    /// reach A at 0 and trigger t0 and t1 at B.
    ///
    /// - t0: over fast, delivered 900, done 4 500.
    /// - t1: over slow, delivered 5 400 (B idle again), done 9 000.
    static func twoChannels(slowFirst: Bool = false) -> Exercise {
        let fast = makeChannel("fast", [0, 1], latency: 10 * minute, handling: 5 * minute, max: .restricted)
        let slow = makeChannel("slow", [0, 1], latency: hour, handling: 30 * minute, max: .secret)
        return makeExercise(
            horizon: 24 * hour,
            agencies: [makeAgency("A", work: [constant(hour)]), makeAgency("B", work: [constant(hour)])],
            channels: slowFirst ? [slow, fast] : [fast, slow],
            injects: [makeInject("i0", to: 0, at: 0, classification: .restricted),
                      makeInject("i1", to: 0, at: 0, classification: .secret)],
            tasks: [makeTask("t0", at: 1, triggers: [0]), makeTask("t1", at: 1, triggers: [1])])
    }

    @Test("restricted information goes over the faster channel, secret over the slower", arguments: [false, true])
    func byClassification(slowFirst: Bool) throws {
        let exercise = Self.twoChannels(slowFirst: slowFirst)
        #expect(exercise.problems().isEmpty)
        let (outcome, trace) = try runTraced(exercise)
        let fast = slowFirst ? 1 : 0, slow = 1 - fast
        #expect(outcome.channels[fast].messages == 1)
        #expect(outcome.channels[slow].messages == 1)
        #expect(outcome.channels[fast].meanLatency == 900)
        #expect(outcome.channels[slow].meanLatency == 5_400)
        #expect(outcome.taskCompletion == [4_500, 9_000])
        #expect(trace.of(.messageSent, task: 0).map(\.channel) == [Int32(fast)])
        #expect(trace.of(.messageSent, task: 1).map(\.channel) == [Int32(slow)])
    }

    @Test("routing table: per classification, both directions, nil above every cap")
    func routingTable() {
        let routing = ChannelRouting(Self.twoChannels())
        for level in Classification.allCases {
            let expected: Int? = level <= .restricted ? 0 : level <= .secret ? 1 : nil
            #expect(routing.channel(from: 0, to: 1, classification: level) == expected)
            #expect(routing.channel(from: 1, to: 0, classification: level) == expected)
        }
    }

    /// Three channels between A and B with the same expected delay (30 min): the first declared
    /// wins, whatever the split between latency and handling or the distribution family.
    @Test("ties go to the first declared channel")
    func ties() throws {
        var exercise = Self.twoChannels()
        let equalMean = Channel(id: "expo", name: "expo", kind: .other, members: [0, 1], latency: exponential(20 * minute),
                                handling: constant(10 * minute), failureProbability: 0, retryDelay: constant(0),
                                maxAttempts: 1, maxClassification: .topSecret)
        exercise.channels = [
            makeChannel("slower", [0, 1], latency: 31 * minute, handling: 0),
            makeChannel("first", [0, 1], latency: 20 * minute, handling: 10 * minute),
            makeChannel("second", [1, 0], latency: 10 * minute, handling: 20 * minute),
            equalMean,
        ]
        let routing = ChannelRouting(exercise)
        for level in Classification.allCases {
            #expect(routing.channel(from: 0, to: 1, classification: level) == 1)
            #expect(routing.channel(from: 1, to: 0, classification: level) == 1)
        }
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.channels.map(\.messages) == [0, 2, 0, 0])
        #expect(outcome.taskCompletion == [5_400, 9_000])  // 1 800 + 1 h; then after t0

        // Declared in the other order, the exponential channel (same mean) now comes first.
        exercise.channels = [exercise.channels[3], exercise.channels[2], exercise.channels[1], exercise.channels[0]]
        #expect(ChannelRouting(exercise).channel(from: 0, to: 1, classification: .secret) == 0)
    }

    @Test("a faster channel declared later beats an earlier slower one; non-members are never used")
    func fasterLaterAndMembership() throws {
        let exercise = makeExercise(
            horizon: 24 * hour,
            agencies: ["A", "B", "C"].map { makeAgency($0, work: [constant(hour)]) },
            channels: [makeChannel("AB-slow", [0, 1], latency: 2 * hour, handling: 0),
                       makeChannel("AC-fastest", [0, 2], latency: 1, handling: 0),
                       makeChannel("ABC-fast", [0, 1, 2], latency: hour, handling: 0)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [makeTask("t0", at: 1, triggers: [0])])
        let routing = ChannelRouting(exercise)
        #expect(routing.channel(from: 0, to: 1, classification: .unclassified) == 2)
        #expect(routing.channel(from: 0, to: 2, classification: .unclassified) == 1)
        #expect(routing.channel(from: 1, to: 2, classification: .unclassified) == 2)
        #expect(routing.channel(from: 1, to: 1, classification: .unclassified) == nil)
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.channels.map(\.messages) == [0, 0, 1])
        #expect(outcome.taskCompletion == [2 * hour])
    }
}
