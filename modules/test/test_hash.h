/* test_hash.h: a hash table from byte-string keys to pointers, so that
 * lookups by name, UUID or id stay constant-time on big hosts. Keys are
 * borrowed: they must live as long as their entry. */
#ifndef VIRT_TEST_HASH_H
#define VIRT_TEST_HASH_H

#include <stddef.h>

typedef struct testHash testHash;

testHash *testHashNew(void);
void testHashFree(testHash *h);
/* Add or replace the entry for key. */
void testHashPut(testHash *h, const void *key, size_t keylen, void *value);
void *testHashGet(const testHash *h, const void *key, size_t keylen);
void testHashRemove(testHash *h, const void *key, size_t keylen);

#endif /* VIRT_TEST_HASH_H */
