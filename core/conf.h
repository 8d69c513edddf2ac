/* conf.h: the key = value configuration format of libvirt.conf and
 * libvirtd.conf: strings in double quotes, integers, lists of strings in
 * brackets (trailing comma allowed, may span lines), '#' comments. */
#ifndef VIRT_CONF_H
#define VIRT_CONF_H

#include <stddef.h>

typedef enum {
    VIRT_CONF_STRING,
    VIRT_CONF_INT,
    VIRT_CONF_LIST,
} virtConfType;

typedef struct virtConfEntry {
    char *key;
    virtConfType type;
    char *str;            /* VIRT_CONF_STRING */
    long long num;        /* VIRT_CONF_INT */
    char **list;          /* VIRT_CONF_LIST, NULL-terminated */
    size_t nlist;
    int line;             /* where the key stands */
} virtConfEntry;

typedef struct virtConf {
    char *path;
    virtConfEntry *entries;
    size_t nentries;
} virtConf;

/* Parse text read from path. On a syntax error raises VIR_ERR_CONF_SYNTAX
 * with "path:line: what" and returns NULL. */
virtConf *virtConfParse(const char *path, const char *text);
/* Read and parse a file; a missing file gives an empty config when
 * missing_ok, else VIR_ERR_OPEN_FAILED naming the file. */
virtConf *virtConfRead(const char *path, int missing_ok);
void virtConfFree(virtConf *conf);
/* The last entry with this key, or NULL. */
const virtConfEntry *virtConfGet(const virtConf *conf, const char *key);

#endif /* VIRT_CONF_H */
