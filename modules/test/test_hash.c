/* test_hash.c: separate chaining, FNV-1a, doubling at load factor 1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test_hash.h"
#include "util.h"

typedef struct testHashEntry {
    const void *key;
    size_t keylen;
    void *value;
    struct testHashEntry *next;
} testHashEntry;

struct testHash {
    testHashEntry **buckets;
    size_t nbuckets;        /* a power of two */
    size_t count;
};

static uint64_t hashBytes(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

testHash *testHashNew(void)
{
    testHash *h = virtAlloc(sizeof(*h));
    h->nbuckets = 64;
    h->buckets = virtAlloc(h->nbuckets * sizeof(*h->buckets));
    return h;
}

void testHashFree(testHash *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nbuckets; i++) {
        testHashEntry *e = h->buckets[i];
        while (e) {
            testHashEntry *next = e->next;
            free(e);
            e = next;
        }
    }
    free(h->buckets);
    free(h);
}

static testHashEntry **findSlot(const testHash *h, const void *key, size_t keylen)
{
    testHashEntry **slot = &h->buckets[hashBytes(key, keylen) & (h->nbuckets - 1)];
    while (*slot && !((*slot)->keylen == keylen && memcmp((*slot)->key, key, keylen) == 0))
        slot = &(*slot)->next;
    return slot;
}

static void grow(testHash *h)
{
    size_t n = h->nbuckets * 2;
    testHashEntry **buckets = virtAlloc(n * sizeof(*buckets));
    for (size_t i = 0; i < h->nbuckets; i++) {
        testHashEntry *e = h->buckets[i];
        while (e) {
            testHashEntry *next = e->next;
            size_t b = hashBytes(e->key, e->keylen) & (n - 1);
            e->next = buckets[b];
            buckets[b] = e;
            e = next;
        }
    }
    free(h->buckets);
    h->buckets = buckets;
    h->nbuckets = n;
}

void testHashPut(testHash *h, const void *key, size_t keylen, void *value)
{
    testHashEntry **slot = findSlot(h, key, keylen);
    if (*slot) {
        (*slot)->key = key;
        (*slot)->value = value;
        return;
    }
    testHashEntry *e = virtAlloc(sizeof(*e));
    e->key = key;
    e->keylen = keylen;
    e->value = value;
    *slot = e;
    if (++h->count > h->nbuckets)
        grow(h);
}

void *testHashGet(const testHash *h, const void *key, size_t keylen)
{
    testHashEntry *e = *findSlot(h, key, keylen);
    return e ? e->value : NULL;
}

void testHashRemove(testHash *h, const void *key, size_t keylen)
{
    testHashEntry **slot = findSlot(h, key, keylen);
    testHashEntry *e = *slot;
    if (!e)
        return;
    *slot = e->next;
    free(e);
    h->count--;
}
