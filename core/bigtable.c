/* Memory for the large hash tables (see bigtable.h): whole 2 MiB-aligned mappings with
 * transparent huge pages offered where the kernel has them. */
#include "bigtable.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

uint64_t bigtable_seed;

/* Before main, so every table of the process places its keys alike; getrandom, else the clock and pid
 * (still unknown to whoever wrote the capture). */
__attribute__((constructor)) static void seed_tables(void)
{
    uint64_t s = 0;
    if (getrandom(&s, sizeof s, GRND_NONBLOCK) != (ssize_t)sizeof s) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        s = bigtable_mix((uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^ (uint64_t)getpid() << 48 ^ (uint64_t)(uintptr_t)&s);
    }
    bigtable_seed = s | 1;   /* odd: a multiplier that loses no bit */
}

#define BIG_ALIGN ((size_t)2 << 20)

static size_t big_size(size_t n) { return ((n ? n : 1) + BIG_ALIGN - 1) / BIG_ALIGN * BIG_ALIGN; }

void *bigtable_alloc(size_t n)
{
    void *p = mmap(NULL, big_size(n), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, big_size(n), MADV_HUGEPAGE);
#endif
    return p;
}

void *bigtable_reserve(size_t n)
{
    void *p = mmap(NULL, big_size(n), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int bigtable_commit(void *p, size_t n)
{
    if (mprotect(p, big_size(n), PROT_READ | PROT_WRITE) != 0) return -1;
#ifdef MADV_HUGEPAGE
    madvise(p, big_size(n), MADV_HUGEPAGE);
#endif
    return 0;
}

void bigtable_free(void *p, size_t n)
{
    if (p) munmap(p, big_size(n));
}
