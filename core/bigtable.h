/* What the large hash tables of core/ (flows, hosts, conversations) share: memory mapped whole and
 * offered transparent huge pages (read at random, a lookup then costs a cache miss rather than a
 * cache miss and a page walk), the 64-bit finalizer their hashes end with, and the random seed that
 * places them. */
#ifndef PCAPHUNT_BIGTABLE_H
#define PCAPHUNT_BIGTABLE_H

#include <stddef.h>
#include <stdint.h>

/* n bytes, zeroed, or NULL; give the same n back to bigtable_free. */
void *bigtable_alloc(size_t n);
void bigtable_free(void *p, size_t n);
/* Address space for n bytes that costs nothing until bigtable_commit makes a prefix of it usable
 * (zeroed); NULL when even the reservation fails.  Give the same n back to bigtable_free. */
void *bigtable_reserve(size_t n);
/* Makes the first n bytes of a reservation readable and writable; 0, or -1 (no memory). */
int bigtable_commit(void *p, size_t n);

/* A 64-bit mixing finalizer (MurmurHash3's fmix64 constants). */
static inline uint64_t bigtable_mix(uint64_t h)
{
    h ^= h >> 33; h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

/* A per-process random value (bigtable.c, set before main) that the tables mix into a hash to place it:
 * a capture cannot then be made of keys that crowd one run of slots (hash flooding, where every lookup
 * walks them all and the run slows to a crawl).  The hashes themselves are the same in every run (saved
 * states, -j's parts, the Bloom filters and sketches rely on that), and so is every result below the
 * memory bound: a slot says where a key is kept, never which key comes first (at the bound, which host
 * a new one replaces depends on where they are kept). */
extern uint64_t bigtable_seed;

/* The home slot of hash h in a table of mask + 1 slots (mask < 2^32): bits 32 up of h times the seed
 * (odd), multiply-shift hashing, where every bit of a 32-bit h counts and two hashes share a slot with
 * chance about 1/(mask + 1) over the seed. */
static inline size_t bigtable_slot(uint64_t h, size_t mask)
{
    return (size_t)((h * bigtable_seed) >> 32) & mask;
}

#endif
