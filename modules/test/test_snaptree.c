/* test_snaptree.c: the parent/child bookkeeping shared by snapshots and
 * checkpoints. A forest is a creation-ordered list whose items name their
 * parent; it stays small, so walks are linear. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static void itemFree(testSnapshot *s)
{
    free(s->name);
    free(s->description);
    free(s->parent);
    free(s->memory);
    free(s->memfile);
    testSnapshotDisksFree(s);
    free(s->domxml);
    virtDomainModelFree(s->def);
    free(s);
}

void testTreeFreeList(testSnapshot *list)
{
    while (list) {
        testSnapshot *next = list->next;
        itemFree(list);
        list = next;
    }
}

testSnapshot *testTreeFind(testSnapshot *list, const char *name)
{
    for (; list; list = list->next)
        if (strcmp(list->name, name) == 0)
            return list;
    return NULL;
}

void testTreeAppend(testSnapshot **list, testSnapshot *item)
{
    while (*list)
        list = &(*list)->next;
    item->next = NULL;
    *list = item;
}

bool testTreeIsDescendant(testSnapshot *list, const testSnapshot *item, const char *ancestor)
{
    /* Walk up; the chain is acyclic and no longer than the list. */
    const testSnapshot *cur = item;
    while (cur && cur->parent) {
        if (strcmp(cur->parent, ancestor) == 0)
            return true;
        cur = testTreeFind(list, cur->parent);
    }
    return false;
}

bool testTreeConsistent(testSnapshot *list)
{
    size_t n = 0;
    for (testSnapshot *s = list; s; s = s->next)
        n++;
    for (testSnapshot *s = list; s; s = s->next) {
        /* every parent is there, and walking up ends within n steps */
        const testSnapshot *cur = s;
        for (size_t steps = 0; cur->parent; steps++) {
            if (steps >= n || !(cur = testTreeFind(list, cur->parent)))
                return false;
        }
    }
    return true;
}

bool testTreeHasChildren(testSnapshot *list, const testSnapshot *item)
{
    for (; list; list = list->next)
        if (list->parent && strcmp(list->parent, item->name) == 0)
            return true;
    return false;
}

static void unlinkFree(testSnapshot **list, testSnapshot *item, char **current)
{
    for (testSnapshot **pp = list; *pp; pp = &(*pp)->next)
        if (*pp == item) {
            *pp = item->next;
            break;
        }
    if (current && *current && strcmp(*current, item->name) == 0) {
        free(*current);
        *current = virtStrdup(item->parent);
    }
    itemFree(item);
}

void testTreeDelete(testSnapshot **list, testSnapshot *item, bool withChildren,
                    bool childrenOnly, char **current)
{
    if (withChildren || childrenOnly) {
        /* Descendants first; a deleted current one falls back to item. */
        bool again = true;
        while (again) {
            again = false;
            for (testSnapshot *s = *list; s; s = s->next)
                if (testTreeIsDescendant(*list, s, item->name)) {
                    if (current && *current && strcmp(*current, s->name) == 0) {
                        free(*current);
                        *current = virtStrdup(item->name);
                    }
                    unlinkFree(list, s, NULL);
                    again = true;
                    break;
                }
        }
        if (!childrenOnly)
            unlinkFree(list, item, current);
        return;
    }
    /* Alone: its children now hang from its parent. */
    for (testSnapshot *s = *list; s; s = s->next)
        if (s->parent && strcmp(s->parent, item->name) == 0) {
            free(s->parent);
            s->parent = virtStrdup(item->parent);
        }
    unlinkFree(list, item, current);
}

void testSnapshotsFree(testDomain *dom)
{
    testTreeFreeList(dom->snaps);
    dom->snaps = NULL;
    free(dom->snap_current);
    dom->snap_current = NULL;
}

void testCheckpointsFree(testDomain *dom)
{
    testTreeFreeList(dom->checkpoints);
    dom->checkpoints = NULL;
}

char *testDomainXMLIndented(const virtDomain *def, int indent)
{
    char *xml = virtDomainModelFormat(def, VIRT_XML_INACTIVE);
    virtBuf b = { 0 };
    if (!xml)
        return NULL;
    for (const char *line = xml; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t) (end - line) : strlen(line);
        if (len) {
            virtBufPrintf(&b, "%*s", indent, "");
            virtBufAddLen(&b, line, len);
        }
        virtBufAdd(&b, "\n");
        line += len + (end ? 1 : 0);
    }
    free(xml);
    return virtBufSteal(&b);
}
