import Testing
import SimKernel

@Suite("ServerPool")
struct ServerPoolTests {
    @Test func fifoServiceOrderWithTwoServers() {
        var pool = ServerPool(capacity: 2)
        #expect(pool.capacity == 2 && pool.discipline == .fifo)
        #expect(pool.request(1, at: 0) == true)
        #expect(pool.request(2, at: 0) == true)
        #expect(pool.busy == 2)
        for (token, time) in [(3, 1.0), (4, 2.0), (5, 2.0), (6, 3.0)] {
            #expect(pool.request(token, at: time) == false, "token \(token) must wait")
        }
        #expect(pool.waitingCount == 4)
        var served: [Int] = []
        var waits: [Double] = []
        for time in [4.0, 5.0, 6.0, 7.0] {
            guard let (token, waited) = pool.release(at: time) else {
                Issue.record("a waiting token should get the server at \(time)")
                continue
            }
            served.append(token)
            waits.append(waited)
            #expect(pool.busy == 2)
        }
        #expect(served == [3, 4, 5, 6])
        #expect(waits == [3, 3, 4, 4])
        #expect(pool.waitingCount == 0)
        #expect(pool.release(at: 8)?.token == nil && pool.busy == 1)
        #expect(pool.release(at: 9)?.token == nil && pool.busy == 0)
        // Free again: the next request is served at once.
        #expect(pool.request(7, at: 10) && pool.busy == 1)
    }

    @Test func priorityServesLowestValueFirstAndFifoWithinEqualPriority() {
        var pool = ServerPool(capacity: 1, discipline: .priority)
        #expect(pool.request(0, priority: 9, at: 0) == true)
        let requests: [(token: Int, priority: Int)] = [(1, 5), (2, 1), (3, 5), (4, 1), (5, 0), (6, 3), (7, 1), (8, 5)]
        for (index, request) in requests.enumerated() {
            #expect(pool.request(request.token, priority: request.priority, at: Double(index + 1)) == false)
        }
        #expect(pool.waitingCount == requests.count)
        var served: [Int] = []
        var time = 10.0
        while let (token, waited) = pool.release(at: time) {
            served.append(token)
            #expect(waited == time - Double(token), "token \(token) requested at \(token)")
            time += 1
        }
        #expect(served == [5, 2, 4, 7, 6, 1, 3, 8])
    }

    /// Arrivals interleaved with departures: a newcomer with a lower value overtakes those
    /// already waiting; equal priorities keep arrival order. Checked against a stable sort.
    @Test(arguments: [UInt64(7), 99])
    func priorityMatchesStableSortUnderInterleaving(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var pool = ServerPool(capacity: 3, discipline: .priority)
        var waiting: [(token: Int, priority: Int, since: Double)] = []  // the reference queue
        var time = 0.0
        var token = 0
        for _ in 0..<2_000 {
            time += 1
            if Bool.random(using: &generator) || pool.busy == 0 {
                let priority = Int.random(in: 0..<4, using: &generator)
                let expectServed = pool.busy < 3 && waiting.isEmpty
                let served = pool.request(token, priority: priority, at: time)
                #expect(served == expectServed)
                if !served { waiting.append((token, priority, time)) }
                token += 1
            } else {
                let expected = waiting.indices.min { (waiting[$0].priority, $0) < (waiting[$1].priority, $1) }
                let released = pool.release(at: time)
                #expect(released?.token == expected.map { waiting[$0].token })
                if let expected {
                    #expect(released?.waited == time - waiting[expected].since)
                    waiting.remove(at: expected)
                }
            }
            #expect(pool.waitingCount == waiting.count)
        }
    }

    /// Two servers over [0, 10]: A at 0, B at 1 (both served at once), C at 2 and D at 3 wait;
    /// departures at 4 (C starts, waited 2), 6 (D starts, waited 3), 7 and 8 (servers free).
    ///
    /// Busy servers: 1 on [0,1), 2 on [1,7), 1 on [7,8), 0 on [8,10]: area 1 + 12 + 1 = 14, mean
    /// 1.4, utilisation 0.7. Queue: 1 on [2,3), 2 on [3,4), 1 on [4,6): area 1 + 2 + 2 = 5, mean
    /// 0.5. Waits 0, 0, 2, 3: mean 1.25, variance 6.75 / 3 = 2.25.
    ///
    /// After `resetStatistics(at: 5)`, over [5, 10]: busy area 2·2 + 1 = 5 (utilisation 0.5),
    /// queue area 1 (mean 0.2), waits: only D's 3.
    static func scenario(resetAtFive: Bool = false) -> ServerPool {
        var pool = ServerPool(capacity: 2)
        #expect(pool.request(0, at: 0) == true)
        #expect(pool.request(1, at: 1) == true)
        #expect(pool.request(2, at: 2) == false)
        #expect(pool.request(3, at: 3) == false)
        let first = pool.release(at: 4)
        #expect(first?.token == 2 && first?.waited == 2)
        if resetAtFive { pool.resetStatistics(at: 5) }
        let second = pool.release(at: 6)
        #expect(second?.token == 3 && second?.waited == 3)
        #expect(pool.release(at: 7)?.token == nil)
        #expect(pool.release(at: 8)?.token == nil)
        return pool
    }

    @Test func statisticsOfAHandComputedScenario() {
        let pool = Self.scenario()
        #expect(pool.busyServers.mean(at: 10) == 1.4)
        #expect(pool.utilisation(at: 10) == 0.7)
        #expect(pool.queueLength.mean(at: 10) == 0.5)
        #expect(pool.busyServers.maximum == 2 && pool.queueLength.maximum == 2)
        #expect(pool.waits.count == 4)
        #expect(pool.waits.mean == 1.25)
        #expect(abs(pool.waits.variance - 2.25) < 1e-12)
        #expect(pool.waits.minimum == 0 && pool.waits.maximum == 3)
    }

    @Test func resetStatisticsStartsANewWindow() {
        let pool = Self.scenario(resetAtFive: true)
        #expect(pool.busyServers.mean(at: 10) == 1.0)
        #expect(pool.utilisation(at: 10) == 0.5)
        #expect(abs(pool.queueLength.mean(at: 10) - 0.2) < 1e-15)
        #expect(pool.waits.count == 1 && pool.waits.mean == 3)
        #expect(pool.queueLength.maximum == 1, "the maximum restarts at the current value")
        #expect(pool.busy == 0 && pool.waitingCount == 0, "the state is untouched")
    }

    @Test func poolStartingLaterMeasuresFromItsStart() {
        var pool = ServerPool(capacity: 4, at: 100)
        #expect(pool.request(1, at: 100) == true)
        #expect(pool.release(at: 102)?.token == nil)
        // One of four servers busy for 2 of 4 time units.
        #expect(pool.utilisation(at: 104) == 0.125)
        #expect(pool.waits.count == 1 && pool.waits.mean == 0)
    }
}
