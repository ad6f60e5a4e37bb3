/*
 * mmc_relay: the C + GSL reference peer for the jtx kernel benchmark.
 *
 * Implements the two reference models of shared/performance.md ("mmc" and
 * "relay") as plain event-scheduling simulations over a binary-heap calendar
 * ordered by (time, insertion sequence), the same tie-break rule as the jtx
 * kernel, so that a run is deterministic for a seed.
 *
 *   mmc_relay mmc   --customers N --seed S
 *   mmc_relay relay --messages  N --seed S
 *
 * Prints one JSON object on one line. "seconds" is the wall time of the
 * simulation alone (CLOCK_MONOTONIC), excluding process start-up and output.
 * "events" counts logical events: arrival + service start + departure per
 * customer (mmc) or per visit (relay). Service start is not a calendar entry
 * here (it happens at an arrival or a departure), but it is counted.
 *
 * Build: cc -O2 -o mmc_relay mmc_relay.c $(pkg-config --cflags --libs gsl)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

/* ---------------------------------------------------------------- utilities */

static void die(const char *msg) {
    fprintf(stderr, "mmc_relay: %s\n", msg);
    exit(2);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n);
    if (q == NULL) die("out of memory");
    return q;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ------------------------------------------------------- the event calendar */

/* One pending event. `kind` and `arg` are interpreted by the model. */
typedef struct {
    double time;
    uint64_t seq; /* insertion order: breaks ties in time, FIFO */
    uint32_t kind;
    uint32_t arg;
} event_t;

typedef struct {
    event_t *a;
    size_t n, cap;
    uint64_t next_seq;
} calendar_t;

static inline int ev_before(const event_t *x, const event_t *y) {
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

static void cal_init(calendar_t *c) {
    c->cap = 1024;
    c->n = 0;
    c->next_seq = 0;
    c->a = xrealloc(NULL, c->cap * sizeof(event_t));
}

/* Sift-up with a hole: one write per level instead of a swap. */
static inline void cal_push(calendar_t *c, double time, uint32_t kind, uint32_t arg) {
    if (c->n == c->cap) {
        c->cap *= 2;
        c->a = xrealloc(c->a, c->cap * sizeof(event_t));
    }
    event_t e = {time, c->next_seq++, kind, arg};
    size_t i = c->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!ev_before(&e, &c->a[p])) break;
        c->a[i] = c->a[p];
        i = p;
    }
    c->a[i] = e;
}

/* Removes and returns the earliest event; the calendar must not be empty. */
static inline event_t cal_pop(calendar_t *c) {
    event_t top = c->a[0];
    event_t last = c->a[--c->n];
    size_t n = c->n, i = 0;
    for (;;) {
        size_t l = 2 * i + 1;
        if (l >= n) break;
        size_t m = (l + 1 < n && ev_before(&c->a[l + 1], &c->a[l])) ? l + 1 : l;
        if (!ev_before(&c->a[m], &last)) break;
        c->a[i] = c->a[m];
        i = m;
    }
    if (n > 0) c->a[i] = last;
    return top;
}

/* ------------------------------------------- growable FIFO of waiting jobs */

/* A job waiting for a server: when it joined the queue, and who it is. */
typedef struct {
    double since;
    uint32_t id;
} waiting_t;

typedef struct {
    waiting_t *a;
    size_t head, n, cap; /* cap is a power of two */
} fifo_t;

static void fifo_init(fifo_t *q, size_t cap) {
    q->cap = cap;
    q->head = q->n = 0;
    q->a = xrealloc(NULL, cap * sizeof(waiting_t));
}

static inline void fifo_push(fifo_t *q, double since, uint32_t id) {
    if (q->n == q->cap) { /* unroll the ring into a buffer twice the size */
        waiting_t *b = xrealloc(NULL, 2 * q->cap * sizeof(waiting_t));
        for (size_t k = 0; k < q->n; k++) b[k] = q->a[(q->head + k) & (q->cap - 1)];
        free(q->a);
        q->a = b;
        q->head = 0;
        q->cap *= 2;
    }
    q->a[(q->head + q->n++) & (q->cap - 1)] = (waiting_t){since, id};
}

static inline waiting_t fifo_pop(fifo_t *q) {
    waiting_t w = q->a[q->head];
    q->head = (q->head + 1) & (q->cap - 1);
    q->n--;
    return w;
}

/* ------------------------------------------------------------- M/M/4 model */

enum { MMC_SERVERS = 4, MMC_WARMUP = 10000 };
static const double MMC_LAMBDA = 3.6, MMC_MU = 1.0;
enum { MMC_ARRIVAL, MMC_DEPARTURE };

static void run_mmc(uint64_t customers, unsigned long seed) {
    if (customers > UINT32_MAX) die("--customers must be < 2^32");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);

    calendar_t cal;
    fifo_t queue; /* customers waiting for a server */
    cal_init(&cal);
    fifo_init(&queue, 1024);

    double t0 = now_seconds();

    uint64_t arrived = 0, events = 0, measured = 0;
    double wait_sum = 0.0;
    int free_servers = MMC_SERVERS;

    /* An arrival event's arg is the customer index; the next arrival is
     * scheduled when one happens, until `customers` have arrived. */
    cal_push(&cal, gsl_ran_exponential(r, 1.0 / MMC_LAMBDA), MMC_ARRIVAL, 0);
    while (cal.n > 0) {
        event_t e = cal_pop(&cal);
        if (e.kind == MMC_ARRIVAL) {
            uint32_t id = e.arg;
            events++;
            arrived++;
            if (arrived < customers)
                cal_push(&cal, e.time + gsl_ran_exponential(r, 1.0 / MMC_LAMBDA),
                         MMC_ARRIVAL, id + 1);
            if (free_servers > 0) {
                free_servers--;
                events++; /* service start, no wait */
                if (id >= MMC_WARMUP) measured++;
                cal_push(&cal, e.time + gsl_ran_exponential(r, 1.0 / MMC_MU), MMC_DEPARTURE, id);
            } else {
                fifo_push(&queue, e.time, id);
            }
        } else { /* MMC_DEPARTURE: the server takes the next in line, if any */
            events++;
            if (queue.n > 0) {
                waiting_t w = fifo_pop(&queue);
                events++; /* service start after a wait */
                if (w.id >= MMC_WARMUP) {
                    measured++;
                    wait_sum += e.time - w.since;
                }
                cal_push(&cal, e.time + gsl_ran_exponential(r, 1.0 / MMC_MU), MMC_DEPARTURE,
                         w.id);
            } else {
                free_servers++;
            }
        }
    }

    double seconds = now_seconds() - t0;
    double wq = measured > 0 ? wait_sum / (double)measured : 0.0;
    printf("{\"model\": \"mmc\", \"impl\": \"c-gsl\", \"customers\": %llu, \"seed\": %lu, "
           "\"events\": %llu, \"seconds\": %.6f, \"events_per_second\": %.1f, \"wq\": %.6f}\n",
           (unsigned long long)customers, seed, (unsigned long long)events, seconds,
           (double)events / seconds, wq);

    free(queue.a);
    free(cal.a);
    gsl_rng_free(r);
}

/* ------------------------------------------------------------- relay model */

enum { RELAY_AGENCIES = 50, RELAY_MAX_HOPS = 5, RELAY_WARMUP = 5000 };
static const double RELAY_LAMBDA = 7.5, RELAY_MU = 1.0, RELAY_LEAVE_P = 0.1;
static const double RELAY_LINK_ZETA = 0.5, RELAY_LINK_SIGMA = 0.5;
enum { RELAY_EXTERNAL, RELAY_LINK_ARRIVAL, RELAY_DEPARTURE };

/* A message in the system. Slots are recycled through a free list, so the
 * pool stays as large as the peak number of messages in the system. */
typedef struct {
    double born;          /* external arrival time */
    uint32_t index;       /* external arrival number, 0-based */
    uint32_t hops;        /* link hops made so far */
    uint32_t visits;      /* visits started so far */
    uint32_t next_free;
} message_t;

typedef struct {
    message_t *m;
    uint32_t cap, free_head; /* free_head == UINT32_MAX: none free */
} pool_t;

static uint32_t pool_take(pool_t *p) {
    if (p->free_head == UINT32_MAX) {
        uint32_t old = p->cap;
        p->cap = old ? 2 * old : 256;
        p->m = xrealloc(p->m, p->cap * sizeof(message_t));
        for (uint32_t k = old; k < p->cap; k++) p->m[k].next_free = k + 1 < p->cap ? k + 1 : UINT32_MAX;
        p->free_head = old;
    }
    uint32_t s = p->free_head;
    p->free_head = p->m[s].next_free;
    return s;
}

static inline void pool_give(pool_t *p, uint32_t s) {
    p->m[s].next_free = p->free_head;
    p->free_head = s;
}

/* The agency a message is at is encoded with its slot in an event's `arg`:
 * 6 bits of agency, 26 bits of pool slot. */
_Static_assert(RELAY_AGENCIES <= 64, "agency number must fit in 6 bits");
#define RELAY_ARG(slot, agency) (((slot) << 6) | (agency))
#define RELAY_SLOT(arg) ((arg) >> 6)
#define RELAY_AGENCY(arg) ((arg) & 63u)

typedef struct {
    uint64_t events, visits_measured, messages_measured, visit_count_measured;
    double wait_sum, e2e_sum;
} relay_stats_t;

/* A message arrives at agency `a` at time t: start service or join the queue. */
static inline void relay_arrive(calendar_t *cal, gsl_rng *r, pool_t *pool, fifo_t *queues,
                                int *busy, relay_stats_t *st, uint32_t slot, uint32_t a,
                                double t) {
    message_t *m = &pool->m[slot];
    st->events++;
    m->visits++;
    if (!busy[a]) {
        busy[a] = 1;
        st->events++; /* service start, no wait */
        if (m->index >= RELAY_WARMUP) st->visits_measured++;
        cal_push(cal, t + gsl_ran_exponential(r, 1.0 / RELAY_MU), RELAY_DEPARTURE,
                 RELAY_ARG(slot, a));
    } else {
        fifo_push(&queues[a], t, slot);
    }
}

static void run_relay(uint64_t messages, unsigned long seed) {
    if (messages > UINT32_MAX) die("--messages must be < 2^32");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);

    calendar_t cal;
    fifo_t queues[RELAY_AGENCIES];
    int busy[RELAY_AGENCIES] = {0};
    pool_t pool = {NULL, 0, UINT32_MAX};
    relay_stats_t st = {0};
    cal_init(&cal);
    for (int a = 0; a < RELAY_AGENCIES; a++) fifo_init(&queues[a], 64);

    double t0 = now_seconds();

    uint64_t arrived = 0;
    cal_push(&cal, gsl_ran_exponential(r, 1.0 / RELAY_LAMBDA), RELAY_EXTERNAL, 0);
    while (cal.n > 0) {
        event_t e = cal_pop(&cal);
        switch (e.kind) {
        case RELAY_EXTERNAL: {
            arrived++;
            if (arrived < messages)
                cal_push(&cal, e.time + gsl_ran_exponential(r, 1.0 / RELAY_LAMBDA),
                         RELAY_EXTERNAL, 0);
            uint32_t slot = pool_take(&pool);
            if (slot >= (1u << 26)) die("too many messages in the system");
            message_t *m = &pool.m[slot];
            m->born = e.time;
            m->index = (uint32_t)(arrived - 1);
            m->hops = 0;
            m->visits = 0;
            uint32_t a = (uint32_t)gsl_rng_uniform_int(r, RELAY_AGENCIES);
            relay_arrive(&cal, r, &pool, queues, busy, &st, slot, a, e.time);
            break;
        }
        case RELAY_LINK_ARRIVAL:
            relay_arrive(&cal, r, &pool, queues, busy, &st, RELAY_SLOT(e.arg),
                         RELAY_AGENCY(e.arg), e.time);
            break;
        case RELAY_DEPARTURE: {
            uint32_t slot = RELAY_SLOT(e.arg), a = RELAY_AGENCY(e.arg);
            st.events++;
            /* the server takes the next message in line, if any */
            if (queues[a].n > 0) {
                waiting_t w = fifo_pop(&queues[a]);
                uint32_t next = w.id;
                st.events++; /* service start after a wait */
                if (pool.m[next].index >= RELAY_WARMUP) {
                    st.visits_measured++;
                    st.wait_sum += e.time - w.since;
                }
                cal_push(&cal, e.time + gsl_ran_exponential(r, 1.0 / RELAY_MU), RELAY_DEPARTURE,
                         RELAY_ARG(next, a));
            } else {
                busy[a] = 0;
            }
            /* the message leaves, or moves over a link to another agency */
            message_t *m = &pool.m[slot];
            if (m->hops >= RELAY_MAX_HOPS || gsl_rng_uniform(r) < RELAY_LEAVE_P) {
                if (m->index >= RELAY_WARMUP) {
                    st.messages_measured++;
                    st.e2e_sum += e.time - m->born;
                    st.visit_count_measured += m->visits;
                }
                pool_give(&pool, slot);
            } else {
                m->hops++;
                /* uniform over the other RELAY_AGENCIES - 1 agencies */
                uint32_t b = (uint32_t)gsl_rng_uniform_int(r, RELAY_AGENCIES - 1);
                if (b >= a) b++;
                double delay = gsl_ran_lognormal(r, RELAY_LINK_ZETA, RELAY_LINK_SIGMA);
                cal_push(&cal, e.time + delay, RELAY_LINK_ARRIVAL, RELAY_ARG(slot, b));
            }
            break;
        }
        }
    }

    double seconds = now_seconds() - t0;
    double wq = st.visits_measured ? st.wait_sum / (double)st.visits_measured : 0.0;
    double e2e = st.messages_measured ? st.e2e_sum / (double)st.messages_measured : 0.0;
    double visits =
        st.messages_measured ? (double)st.visit_count_measured / (double)st.messages_measured : 0.0;
    printf("{\"model\": \"relay\", \"impl\": \"c-gsl\", \"messages\": %llu, \"seed\": %lu, "
           "\"events\": %llu, \"seconds\": %.6f, \"events_per_second\": %.1f, \"wq\": %.6f, "
           "\"e2e\": %.6f, \"visits\": %.6f}\n",
           (unsigned long long)messages, seed, (unsigned long long)st.events, seconds,
           (double)st.events / seconds, wq, e2e, visits);

    for (int a = 0; a < RELAY_AGENCIES; a++) free(queues[a].a);
    free(pool.m);
    free(cal.a);
    gsl_rng_free(r);
}

/* ---------------------------------------------------------------- the CLI */

static void usage(void) {
    fprintf(stderr,
            "usage: mmc_relay mmc --customers N --seed S\n"
            "       mmc_relay relay --messages N --seed S\n");
    exit(2);
}

static unsigned long long parse_count(const char *opt, const char *s) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *s == '\0' || *s == '-' || *end != '\0') {
        fprintf(stderr, "mmc_relay: %s expects a non-negative integer, got '%s'\n", opt, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    if (argc < 2) usage();
    int is_mmc = strcmp(argv[1], "mmc") == 0;
    int is_relay = strcmp(argv[1], "relay") == 0;
    if (!is_mmc && !is_relay) usage();
    const char *count_opt = is_mmc ? "--customers" : "--messages";

    unsigned long long count = 0, seed = 1;
    int have_count = 0;
    for (int i = 2; i < argc; i++) {
        if (i + 1 >= argc) usage();
        if (strcmp(argv[i], count_opt) == 0) {
            count = parse_count(count_opt, argv[++i]);
            have_count = 1;
        } else if (strcmp(argv[i], "--seed") == 0) {
            seed = parse_count("--seed", argv[++i]);
        } else {
            usage();
        }
    }
    if (!have_count || count == 0) usage();

    gsl_set_error_handler_off();
    if (is_mmc)
        run_mmc(count, (unsigned long)seed);
    else
        run_relay(count, (unsigned long)seed);
    return 0;
}
