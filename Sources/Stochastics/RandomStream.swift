internal import CGSL

/// One stream of random numbers: a GSL MT19937 generator owned by this object.
///
/// Every random draw in jtx goes through a `RandomStream`. The generator is allocated and
/// filled from the seed on the first draw (a replication sets up a stream per purpose, and many
/// are never drawn from), and freed in `deinit`; nothing else holds the pointer. `reseed` only
/// records the new seed: the allocation is kept and refilled on the next draw, so a thread can
/// reuse one set of streams for replication after replication. The draws are the same as if the
/// generator had been filled at once. A stream is not thread-safe: give each replication (and
/// each purpose within it) its own, which `init(master:replication:purpose:)` derives
/// deterministically.
public final class RandomStream {
    /// The generator, allocated on the first draw; its state is stale unless `isFilled`.
    private var storage: UnsafeMutablePointer<gsl_rng>?
    /// True when `storage` holds the state filled from `seed` (and any draws since).
    private var isFilled = false

    /// The 64-bit seed this stream was filled from (see `StreamDerivation`).
    public private(set) var seed: UInt64

    /// A stream whose whole MT19937 state is expanded from the 64-bit `seed` with SplitMix64.
    public init(seed: UInt64) {
        GSLRuntime.prepare()
        self.seed = seed
    }

    /// The generator, filled from `seed` on first use after `init` or `reseed`.
    var generator: UnsafeMutablePointer<gsl_rng> {
        @inline(__always) get { isFilled ? storage.unsafelyUnwrapped : fillGenerator() }
    }

    @inline(never)
    private func fillGenerator() -> UnsafeMutablePointer<gsl_rng> {
        let generator: UnsafeMutablePointer<gsl_rng>
        if let storage {
            generator = storage
        } else {
            guard let allocated = jtx_mt19937_alloc_unseeded() else {
                // Only an out-of-memory condition gets here; there is nothing sensible to continue with.
                fatalError("jtx: GSL could not allocate a random number generator (out of memory)")  // safe: out of memory only
            }
            generator = allocated
            storage = allocated
        }
        fill(generator, from: seed)
        isFilled = true
        return generator
    }

    /// Makes the stream start over from `seed`, keeping its generator's memory (no allocation;
    /// the state is filled on the next draw). Afterwards the stream is indistinguishable from
    /// `RandomStream(seed: seed)`.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        isFilled = false
    }

    /// Starts over as the stream for `purpose` in replication `replication` of a run seeded with `master`.
    public func reseed(master: UInt64, replication: UInt64, purpose: StreamPurpose) {
        reseed(StreamDerivation.seed(master: master, replication: replication, purpose: purpose))
    }

    private func fill(_ generator: UnsafeMutablePointer<gsl_rng>, from seed: UInt64) {
        var status = Int32(GSL_EINVAL)
        if let words = jtx_mt19937_state_words(generator) {
            status = jtx_mt19937_finish_fill(generator, jtx_splitmix64_fill(words, seed))
        }
        // The layout check in the shim can only fail if GSL changed MT19937's state struct, and
        // an all-zero expansion has probability 2^-19968; both are defects, not input errors.
        precondition(status == Int32(GSL_SUCCESS), "jtx: cannot fill MT19937 state (GSL status \(status))")
    }

    /// The stream for `purpose` in replication `replication` of a run seeded with `master`.
    public convenience init(master: UInt64, replication: UInt64, purpose: StreamPurpose) {
        self.init(seed: StreamDerivation.seed(master: master, replication: replication, purpose: purpose))
    }

    deinit {
        if let storage { gsl_rng_free(storage) }
    }

    /// A uniform draw in [0, 1).
    @inline(__always)
    public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// A uniform draw in (0, 1), never exactly 0.
    @inline(__always)
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// A uniform integer in 0..<`count`; `count` must be positive.
    ///
    /// Counts below 2³² use GSL's `gsl_rng_uniform_int`; larger ones combine two 32-bit outputs
    /// into 64 bits and reject the values above the largest multiple of `count` (no modulo bias).
    @inline(__always)
    public func uniformIndex(below count: Int) -> Int {
        precondition(count > 0, "uniformIndex(below:) needs a positive count")
        if count <= Int(UInt32.max) { return Int(gsl_rng_uniform_int(generator, UInt(count))) }
        let bound = UInt64(count)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = UInt64(gsl_rng_get(generator)) << 32 | UInt64(gsl_rng_get(generator))
            if value < limit { return Int(value % bound) }
        }
    }

    /// True with probability `p` (clamped to [0, 1]).
    @inline(__always)
    public func bernoulli(_ p: Double) -> Bool {
        gsl_ran_bernoulli(generator, min(max(p, 0), 1)) == 1
    }

    /// An exponential draw with the given mean (> 0).
    @inline(__always)
    public func exponential(mean: Double) -> Double { gsl_ran_exponential(generator, mean) }

    /// The next raw 32-bit output of the generator (for digests and tests).
    public func nextRaw() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(generator)) }
}

@available(*, unavailable, message: "a RandomStream belongs to one replication on one thread")
extension RandomStream: Sendable {}
