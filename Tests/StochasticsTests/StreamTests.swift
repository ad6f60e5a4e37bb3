import Stochastics
import Testing

@Suite("Random streams and seed derivation")
struct StreamTests {
    private static let purposes = [StreamPurpose("arrivals"), StreamPurpose("service"),
                                   StreamPurpose("agency.work", index: 0), StreamPurpose("agency.work", index: 1)]

    private func raws(_ stream: RandomStream, count: Int) -> [UInt32] {
        var values = [UInt32]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(stream.nextRaw()) }
        return values
    }

    /// Positions where two sequences coincide.
    private func coincidences(_ a: [UInt32], _ b: [UInt32]) -> Int {
        zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    }

    /// The same (master, replication, purpose) yields identical sequences of 10,000 raw draws.
    @Test func sameDerivationGivesIdenticalSequences() {
        let purpose = StreamPurpose("arrivals")
        let first = raws(RandomStream(master: 42, replication: 7, purpose: purpose), count: 10_000)
        let second = raws(RandomStream(master: 42, replication: 7, purpose: StreamPurpose("arrivals")), count: 10_000)
        #expect(first == second)
    }

    /// Streams differing in replication, purpose or master seed share no position among 10,000
    /// raw draws (independent 32-bit outputs coincide somewhere with probability 10⁴/2³² ≈ 2.3e-6).
    @Test func differentDerivationsGiveDifferentSequences() {
        let base = raws(RandomStream(master: 42, replication: 0, purpose: StreamPurpose("arrivals")), count: 10_000)
        let otherReplication = raws(RandomStream(master: 42, replication: 1, purpose: StreamPurpose("arrivals")), count: 10_000)
        let otherPurpose = raws(RandomStream(master: 42, replication: 0, purpose: StreamPurpose("service")), count: 10_000)
        let otherMaster = raws(RandomStream(master: 43, replication: 0, purpose: StreamPurpose("arrivals")), count: 10_000)
        #expect(coincidences(base, otherReplication) == 0)
        #expect(coincidences(base, otherPurpose) == 0)
        #expect(coincidences(base, otherMaster) == 0)
        #expect(coincidences(otherReplication, otherPurpose) == 0)
    }

    /// The 1,000,000 seeds for replications 0..<250,000 × 4 purposes are pairwise distinct
    /// (for random 64-bit seeds a collision has probability ≈ 10¹²/2⁶⁵ ≈ 2.7e-8).
    @Test func derivedSeedsArePairwiseDistinct() {
        var seeds = Set<UInt64>(minimumCapacity: 1_000_000)
        for purpose in Self.purposes {
            for replication in UInt64(0)..<250_000 {
                seeds.insert(StreamDerivation.seed(master: 42, replication: replication, purpose: purpose))
            }
        }
        #expect(seeds.count == 1_000_000)
    }

    /// The first four raw outputs of 1,000 derived streams (250 replications × 4 purposes) are
    /// distinct as 128-bit tuples, so the filled states differ (collision probability ≈ 10⁶/2¹²⁹).
    @Test func derivedStreamsStartFromDistinctStates() {
        struct Head: Hashable { let a, b, c, d: UInt32 }
        var heads = Set<Head>()
        for purpose in Self.purposes {
            for replication in UInt64(0)..<250 {
                let stream = RandomStream(master: 42, replication: replication, purpose: purpose)
                heads.insert(Head(a: stream.nextRaw(), b: stream.nextRaw(), c: stream.nextRaw(), d: stream.nextRaw()))
            }
        }
        #expect(heads.count == 1_000)
    }

    /// StreamPurpose("x", index: i) has a distinct key for each i in 0..<10,000, none equal to
    /// StreamPurpose("x"), and a description "x[i]" (64-bit keys: collision probability ≈ 2.7e-12).
    @Test func indexedPurposesAreDistinct() {
        var keys = Set<UInt64>()
        for index in 0..<10_000 {
            let purpose = StreamPurpose("x", index: index)
            keys.insert(purpose.key)
            #expect(purpose != StreamPurpose("x", index: index + 1))
        }
        #expect(keys.count == 10_000)
        #expect(!keys.contains(StreamPurpose("x").key))
        #expect(StreamPurpose("x", index: 3).description == "x[3]")
        #expect(StreamPurpose("x", index: 3) == StreamPurpose("x", index: 3))
    }

    /// A stream's seed property equals StreamDerivation.seed for its (master, replication, purpose).
    @Test(arguments: [(UInt64(42), UInt64(0)), (42, 1), (0, 0), (.max, 249_999)])
    func streamSeedEqualsDerivation(master: UInt64, replication: UInt64) {
        for purpose in Self.purposes {
            let stream = RandomStream(master: master, replication: replication, purpose: purpose)
            #expect(stream.seed == StreamDerivation.seed(master: master, replication: replication, purpose: purpose))
            #expect(RandomStream(seed: 12_345).seed == 12_345)
        }
    }

    /// reseed(_:) and reseed(master:replication:purpose:) make a used stream indistinguishable from a
    /// fresh one: same seed property and the same next 10,000 raw draws.
    @Test func reseedMatchesFreshStream() {
        let purpose = StreamPurpose("arrivals")
        let reused = RandomStream(seed: 1)
        _ = raws(reused, count: 1_000)
        reused.reseed(99)
        #expect(reused.seed == 99)
        #expect(raws(reused, count: 10_000) == raws(RandomStream(seed: 99), count: 10_000))
        reused.reseed(master: 42, replication: 3, purpose: purpose)
        let fresh = RandomStream(master: 42, replication: 3, purpose: purpose)
        #expect(reused.seed == fresh.seed)
        #expect(raws(reused, count: 10_000) == raws(fresh, count: 10_000))
    }

    /// Golden values of the fixed hash functions (so keys are stable across machines): FNV-1a 64
    /// of "" = 0xcbf29ce484222325, "a" = 0xaf63dc4c8601ec8c, "foobar" = 0x85944171f73967e8
    /// (published test vectors), and SplitMix64 from seed 0 starts 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
    @Test func hashFunctionsMatchPublishedVectors() {
        #expect(StreamDerivation.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(StreamDerivation.fnv1a64("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(StreamDerivation.fnv1a64("foobar") == 0x8594_4171_F739_67E8)
        #expect(StreamPurpose("foobar").key == 0x8594_4171_F739_67E8)
        #expect(StreamDerivation.mix64(0x9E37_79B9_7F4A_7C15) == 0xE220_A839_7B1D_CDAF)
        #expect(StreamDerivation.mix64(0x9E37_79B9_7F4A_7C15 &* 2) == 0x6E78_9E6A_A1B9_65F4)
    }

    /// RandomStream(seed:) is MT19937 (Matsumoto & Nishimura's twist and tempering) started from the
    /// 624 high halves of SplitMix64(seed): its first 2,000 raw outputs equal an independent
    /// reference implementation's, so the whole state is filled and regenerated before the first draw.
    @Test(arguments: [UInt64(0), 1, 0xDEAD_BEEF_CAFE_F00D])
    func streamIsMT19937FromSplitMix64(seed: UInt64) {
        var state = seed
        var mt = [UInt32]()
        for _ in 0..<624 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            mt.append(UInt32(truncatingIfNeeded: (z ^ (z >> 31)) >> 32))
        }
        var reference = [UInt32]()
        for _ in 0..<4 {  // 4 × 624 ≥ 2,000 outputs
            for i in 0..<624 {
                let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7FFF_FFFF)
                mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
            for word in mt {
                var y = word
                y ^= y >> 11
                y ^= (y << 7) & 0x9D2C_5680
                y ^= (y << 15) & 0xEFC6_0000
                y ^= y >> 18
                reference.append(y)
            }
        }
        #expect(raws(RandomStream(seed: seed), count: 2_000) == Array(reference.prefix(2_000)))
    }
}
