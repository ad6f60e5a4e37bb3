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

/// Overwrites the whole state of an MT19937 generator with `words` (624 values).
///
/// GSL's own seeding (`gsl_rng_set`) takes only 32 bits for MT19937, so distinct streams would
/// collide by the birthday bound. Filling all 19,937 bits from a 64-bit derivation avoids that.
/// Returns GSL_EINVAL when `r` is not an MT19937 generator or its state has another layout,
/// and GSL_EDOM when all words are zero (a state MT19937 can never leave).
static inline int jtx_mt19937_fill_state(gsl_rng *r, const uint32_t *words) {
    if (r == NULL || r->type != gsl_rng_mt19937 || r->type->size != sizeof(jtx_mt19937_state)) {
        return GSL_EINVAL;
    }
    uint32_t any = 0;
    for (int i = 0; i < JTX_MT19937_WORDS; i++) { any |= words[i]; }
    if (any == 0) { return GSL_EDOM; }
    jtx_mt19937_state *state = (jtx_mt19937_state *)r->state;
    for (int i = 0; i < JTX_MT19937_WORDS; i++) { state->mt[i] = (unsigned long)words[i]; }
    state->mti = JTX_MT19937_WORDS; /* regenerate on the next draw */
    return GSL_SUCCESS;
}

#endif
