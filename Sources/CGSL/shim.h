// The GSL surface jtx uses, and static inline accessors for what Swift cannot reach directly.
//
// GSL exposes its generator types as mutable globals (`gsl_rng_mt19937` and friends); Swift 6
// rejects those as shared mutable state, so they are read through the functions below. This
// header promises no Swift API: only the Stochastics module imports it.
#ifndef JTX_CGSL_SHIM_H
#define JTX_CGSL_SHIM_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_qrng.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// The Sobol quasi-random generator type.
static inline const gsl_qrng_type *jtx_qrng_type_sobol(void) { return gsl_qrng_sobol; }

/// The Mersenne Twister generator type (MT19937, 2002 seeding).
static inline const gsl_rng_type *jtx_rng_type_mt19937(void) { return gsl_rng_mt19937; }

/// Number of 32-bit words of MT19937's state.
#define JTX_MT19937_WORDS 624

/// The layout GSL gives MT19937's state (gsl/rng/mt.c); checked against `type->size` below.
typedef struct {
    unsigned long mt[JTX_MT19937_WORDS];
    int mti;
} jtx_mt19937_state;

/// An MT19937 generator with its state left unset, for `jtx_mt19937_fill_state` to fill; freed
/// by `gsl_rng_free` like any other. `gsl_rng_alloc` would zero the 5 KB state and seed it with
/// the default seed (624 steps), all of it overwritten at once by the fill. NULL when out of memory.
static inline gsl_rng *jtx_mt19937_alloc_unseeded(void) {
    gsl_rng *r = (gsl_rng *)malloc(sizeof(gsl_rng));
    if (r == NULL) { return NULL; }
    r->state = malloc(gsl_rng_mt19937->size);
    if (r->state == NULL) { free(r); return NULL; }
    r->type = gsl_rng_mt19937;
    return r;
}

/// The 624 state words of an MT19937 generator, for the caller to fill before calling
/// `jtx_mt19937_finish_fill`; NULL when `r` is not an MT19937 generator or its state has
/// another layout.
///
/// GSL's own seeding (`gsl_rng_set`) takes only 32 bits for MT19937, so distinct streams would
/// collide by the birthday bound. Filling all 19,937 bits from a 64-bit derivation avoids that.
/// The caller writes the words in place: no temporary copy of the 5 KB state.
static inline unsigned long *jtx_mt19937_state_words(gsl_rng *r) {
    if (r == NULL || r->type != gsl_rng_mt19937 || r->type->size != sizeof(jtx_mt19937_state)) {
        return NULL;
    }
    return ((jtx_mt19937_state *)r->state)->mt;
}

/// MT19937's regeneration of all 624 words (Matsumoto & Nishimura 1998), as GSL's `mt_get`
/// does it when its index reaches 624, but without branches: GSL picks the twist constant with
/// a conditional that the processor mispredicts half the time, which made the first draw from
/// a freshly filled stream cost several microseconds. A replication fills dozens of streams
/// and draws from each a few times, so that first regeneration is done here; later ones are
/// GSL's.
static inline void jtx_mt19937_regenerate(unsigned long *mt) {
    enum { n = JTX_MT19937_WORDS, m = 397 };
    const unsigned long upper = 0x80000000UL, lower = 0x7fffffffUL, magic = 0x9908b0dfUL;
    int k = 0;
    for (; k < n - m; k++) {
        unsigned long y = (mt[k] & upper) | (mt[k + 1] & lower);
        mt[k] = mt[k + m] ^ (y >> 1) ^ ((0UL - (y & 1UL)) & magic);
    }
    for (; k < n - 1; k++) {
        unsigned long y = (mt[k] & upper) | (mt[k + 1] & lower);
        mt[k] = mt[k + m - n] ^ (y >> 1) ^ ((0UL - (y & 1UL)) & magic);
    }
    unsigned long y = (mt[n - 1] & upper) | (mt[0] & lower);
    mt[n - 1] = mt[m - 1] ^ (y >> 1) ^ ((0UL - (y & 1UL)) & magic);
}

/// Completes a fill through `jtx_mt19937_state_words`: regenerates the words once (see
/// `jtx_mt19937_regenerate`) and points GSL at the first of them, which leaves the generator in
/// exactly the state GSL would reach on its first draw. `any` is the bitwise OR of the words
/// written; GSL_EDOM when it is zero (an all-zero state, which MT19937 can never leave),
/// GSL_EINVAL for a generator that is not MT19937.
static inline int jtx_mt19937_finish_fill(gsl_rng *r, unsigned long any) {
    unsigned long *words = jtx_mt19937_state_words(r);
    if (words == NULL) { return GSL_EINVAL; }
    if (any == 0) { return GSL_EDOM; }
    jtx_mt19937_regenerate(words);
    ((jtx_mt19937_state *)r->state)->mti = 0;
    return GSL_SUCCESS;
}

/// The SplitMix64 output `z` (Steele, Lea & Flood 2014) for the state `x`: the same finaliser
/// as `StreamDerivation.mix64` in Swift.
static inline uint64_t jtx_splitmix64_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

#define JTX_SPLITMIX64_GAMMA UINT64_C(0x9E3779B97F4A7C15)

#if defined(__x86_64__)
/// `jtx_splitmix64_fill` eight words at a time (AVX-512 has a 64-bit multiply). Filling a
/// stream's 624 words is a large share of a replication's cost (a replication draws from dozens
/// of streams, a few times each), and the scalar loop is already at one multiply per cycle.
__attribute__((target("avx512f,avx512dq")))
static inline unsigned long jtx_splitmix64_fill_avx512(unsigned long *words, uint64_t seed) {
    const __m512i gamma = _mm512_set1_epi64((long long)JTX_SPLITMIX64_GAMMA);
    const __m512i c1 = _mm512_set1_epi64((long long)UINT64_C(0xBF58476D1CE4E5B9));
    const __m512i c2 = _mm512_set1_epi64((long long)UINT64_C(0x94D049BB133111EB));
    const __m512i step = _mm512_set1_epi64((long long)(JTX_SPLITMIX64_GAMMA * 8));
    __m512i state = _mm512_add_epi64(_mm512_set1_epi64((long long)seed),
                                     _mm512_mullo_epi64(_mm512_setr_epi64(1, 2, 3, 4, 5, 6, 7, 8), gamma));
    __m512i any = _mm512_setzero_si512();
    for (int i = 0; i < JTX_MT19937_WORDS; i += 8) {
        __m512i z = state;
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), c1);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), c2);
        z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
        __m512i word = _mm512_srli_epi64(z, 32);
        _mm512_storeu_si512((void *)(words + i), word);
        any = _mm512_or_si512(any, word);
        state = _mm512_add_epi64(state, step);
    }
    return (unsigned long)_mm512_reduce_or_epi64(any);
}
#endif

/// `jtx_splitmix64_fill` one word at a time, on any processor.
static inline unsigned long jtx_splitmix64_fill_scalar(unsigned long *words, uint64_t seed) {
    unsigned long any = 0;
    uint64_t state = seed;
    for (int i = 0; i < JTX_MT19937_WORDS; i++) {
        state += JTX_SPLITMIX64_GAMMA;
        words[i] = (unsigned long)(jtx_splitmix64_mix(state) >> 32);
        any |= words[i];
    }
    return any;
}

/// True when `jtx_splitmix64_fill` takes the vector path on this processor.
static inline int jtx_splitmix64_vectorised(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx512dq") ? 1 : 0;
#else
    return 0;
#endif
}

/// Fills MT19937's 624 state words from the SplitMix64 sequence starting at `seed`: word k is
/// the high 32 bits of the output for state `seed + (k + 1)·γ`. Returns the bitwise OR of the
/// words. The vector path (when the processor has AVX-512DQ) gives the same words.
static inline unsigned long jtx_splitmix64_fill(unsigned long *words, uint64_t seed) {
    _Static_assert(JTX_MT19937_WORDS % 8 == 0, "the vector path fills eight words at a time");
#if defined(__x86_64__)
    _Static_assert(sizeof(unsigned long) == sizeof(uint64_t), "MT19937 words are 64-bit longs here");
    if (jtx_splitmix64_vectorised()) { return jtx_splitmix64_fill_avx512(words, seed); }
#endif
    return jtx_splitmix64_fill_scalar(words, seed);
}

#endif
