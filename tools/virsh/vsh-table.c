/* vsh-table.c: the column tables of list, net-list, pool-list ...: rows
 * are collected first so that every column is as wide as its widest cell;
 * -q drops the titles and the rule, and their width with them. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

struct vshTable {
    size_t ncols;
    char **cells;       /* row-major; row 0 holds the titles */
    size_t nrows;       /* including the title row */
};

static int tableAppend(vshTable *t, const char *const *cells)
{
    char **grown = realloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(*grown));

    if (!grown)
        return -1;
    t->cells = grown;
    for (size_t c = 0; c < t->ncols; c++) {
        char **slot = &t->cells[t->nrows * t->ncols + c];
        if (!(*slot = strdup(cells[c] ? cells[c] : ""))) {
            while (c-- > 0)
                free(t->cells[t->nrows * t->ncols + c]);
            return -1;
        }
    }
    t->nrows++;
    return 0;
}

vshTable *vshTableNew(const char *const *titles, size_t ncols)
{
    vshTable *t = calloc(1, sizeof(*t));

    if (!t)
        return NULL;
    t->ncols = ncols;
    if (tableAppend(t, titles) < 0) {
        free(t);
        return NULL;
    }
    return t;
}

int vshTableRowAdd(vshTable *t, const char *const *cells)
{
    return tableAppend(t, cells);
}

static void printRow(char *const *cells, const size_t *widths, size_t ncols)
{
    putchar(' ');
    for (size_t c = 0; c < ncols; c++) {
        if (c + 1 < ncols)
            printf("%-*s   ", (int)widths[c], cells[c]);
        else
            printf("%s", cells[c]);
    }
    putchar('\n');
}

/* Columns left-aligned, three spaces apart, the last one unpadded; the
 * rule under the titles is two dashes longer than a padded row. */
void vshTablePrint(vshControl *ctl, const vshTable *t)
{
    size_t first = ctl && ctl->quiet ? 1 : 0;
    size_t *widths = calloc(t->ncols, sizeof(*widths));
    size_t total = 1;

    if (!widths)
        return;
    for (size_t r = first; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t len = strlen(t->cells[r * t->ncols + c]);
            if (len > widths[c])
                widths[c] = len;
        }
    if (!first) {
        printRow(t->cells, widths, t->ncols);
        for (size_t c = 0; c < t->ncols; c++)
            total += widths[c] + (c ? 3 : 0);
        for (size_t i = 0; i < total + 2; i++)
            putchar('-');
        putchar('\n');
    }
    for (size_t r = 1; r < t->nrows; r++)
        printRow(t->cells + r * t->ncols, widths, t->ncols);
    free(widths);
}

void vshTableFree(vshTable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}
