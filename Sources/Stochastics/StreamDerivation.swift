internal import CGSL

/// What a random stream is used for, as a stable 64-bit key.
///
/// Every source of randomness in a replication (an agency's work times, a channel's failures,
/// an inject's timing, …) draws from its own stream, so that changing one source leaves every
/// other draw unchanged (common random numbers). A purpose is a name, optionally with an index,
/// hashed with FNV-1a 64 — a fixed function, unlike Swift's per-process seeded `Hasher`, so the
/// key is the same on every machine and every run.
public struct StreamPurpose: Hashable, Sendable, CustomStringConvertible {
    /// The 64-bit key mixed into the stream seed.
    public let key: UInt64
    public let description: String

    /// A purpose named `name`, e.g. `"arrivals"`.
    public init(_ name: String) {
        self.key = StreamDerivation.fnv1a64(name)
        self.description = name
    }

    /// The `index`th member of a family of purposes, e.g. `("agency.work", 3)`.
    public init(_ name: String, index: Int) {
        self.key = StreamDerivation.mix64(StreamDerivation.fnv1a64(name) ^ StreamDerivation.mix64(UInt64(bitPattern: Int64(index)) &+ 0x632B_E59B_D9B4_E019))
        self.description = "\(name)[\(index)]"
    }
}

/// Derivation of independent stream seeds from (master seed, replication, purpose).
///
/// The derived seed is 64 bits wide, and `RandomStream` expands it into MT19937's whole
/// 19,937-bit state, so streams do not collide the way 32-bit seeds do (the birthday bound puts a
/// 50 % chance of a 32-bit collision at about 77,000 streams; for 64 bits it is about 5·10⁹).
/// For a fixed master seed and purpose, the map from replication index to seed is a bijection,
/// so distinct replications of one purpose never share a seed.
public enum StreamDerivation {
    /// The 64-bit seed of the stream for `purpose` in replication `replication`.
    public static func seed(master: UInt64, replication: UInt64, purpose: StreamPurpose) -> UInt64 {
        // Each step is a bijection of its input for fixed other inputs (xor with a constant,
        // then the SplitMix64 finaliser, which is invertible).
        let base = mix64(master ^ 0x6A09_E667_F3BC_C909)
        let perReplication = mix64(base ^ replication)
        return mix64(perReplication ^ mix64(purpose.key ^ 0xBB67_AE85_84CA_A73B))
    }

    /// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
    @inlinable
    public static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The 624 MT19937 state words a stream seeded with `seed` starts from, as the scalar path
    /// computes them and as the vector path does (nil when this processor has no vector path).
    /// For tests: both must agree, since either may run depending on the machine.
    static func stateWords(_ seed: UInt64) -> (scalar: [UInt], vector: [UInt]?) {
        let count = Int(JTX_MT19937_WORDS)
        let scalar = [UInt](unsafeUninitializedCapacity: count) { buffer, initialised in
            _ = jtx_splitmix64_fill_scalar(buffer.baseAddress, seed)
            initialised = count
        }
        guard jtx_splitmix64_vectorised() != 0 else { return (scalar, nil) }
        let vector = [UInt](unsafeUninitializedCapacity: count) { buffer, initialised in
            _ = jtx_splitmix64_fill(buffer.baseAddress, seed)
            initialised = count
        }
        return (scalar, vector)
    }
}
