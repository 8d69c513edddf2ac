/* daemon-workers.c: a growing thread pool over a FIFO of jobs. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "daemon-workers.h"
#include "util.h"

typedef struct job {
    daemonJobFunc fn;
    void *opaque;
    struct job *next;
} job;

struct daemonWorkers {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    job *head, *tail;
    pthread_t *threads;
    size_t nthreads, max, idle;
    size_t min;
    size_t alive;               /* threads not yet gone (nthreads counts joinable ones) */
    size_t queued;              /* jobs waiting for a thread */
    bool quit;
};

static void *workerMain(void *opaque)
{
    daemonWorkers *w = opaque;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->head && !w->quit && w->alive <= w->max) {
            w->idle++;
            pthread_cond_wait(&w->cond, &w->lock);
            w->idle--;
        }
        if (!w->head || (w->alive > w->max && !w->quit))
            break;
        job *j = w->head;
        w->head = j->next;
        w->queued--;
        if (!w->head)
            w->tail = NULL;
        pthread_mutex_unlock(&w->lock);
        j->fn(j->opaque);
        free(j);
        pthread_mutex_lock(&w->lock);
    }
    w->alive--;
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Called with the lock held. */
static void addThread(daemonWorkers *w)
{
    pthread_t t;
    if (pthread_create(&t, NULL, workerMain, w) != 0)
        return;
    w->threads = virtRealloc(w->threads, (w->nthreads + 1) * sizeof(pthread_t));
    w->threads[w->nthreads++] = t;
    w->alive++;
}

daemonWorkers *daemonWorkersNew(size_t min, size_t max)
{
    daemonWorkers *w = virtAlloc(sizeof(*w));
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->cond, NULL);
    w->max = max < min ? min : max;
    w->min = min;
    pthread_mutex_lock(&w->lock);
    for (size_t i = 0; i < min; i++)
        addThread(w);
    pthread_mutex_unlock(&w->lock);
    return w;
}

void daemonWorkersSubmit(daemonWorkers *w, daemonJobFunc fn, void *opaque)
{
    job *j = virtAlloc(sizeof(*j));
    j->fn = fn;
    j->opaque = opaque;
    pthread_mutex_lock(&w->lock);
    if (w->tail)
        w->tail->next = j;
    else
        w->head = j;
    w->tail = j;
    w->queued++;
    if (w->queued > w->idle && w->alive < w->max)
        addThread(w);
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

void daemonWorkersGetInfo(daemonWorkers *w, daemonWorkersInfo *info)
{
    pthread_mutex_lock(&w->lock);
    info->min = w->min;
    info->max = w->max;
    info->current = w->alive;
    info->free = w->idle;
    info->queued = w->queued;
    pthread_mutex_unlock(&w->lock);
}

int daemonWorkersSetLimits(daemonWorkers *w, size_t min, size_t max)
{
    pthread_mutex_lock(&w->lock);
    if (min > max || max == 0) {
        pthread_mutex_unlock(&w->lock);
        return -1;
    }
    w->min = min;
    w->max = max;
    while (w->alive < w->min) {
        size_t before = w->alive;
        addThread(w);
        if (w->alive == before)
            break;
    }
    /* idle threads above the new maximum wake up and leave */
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

void daemonWorkersFree(daemonWorkers *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->quit = true;
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
    for (size_t i = 0; i < w->nthreads; i++)
        pthread_join(w->threads[i], NULL);
    free(w->threads);
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
