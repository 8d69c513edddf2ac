/* qemu_info.c: what a domain is and uses: info, XML, memory, vcpus and
 * their host threads, autostart, scheduler, block and interface stats. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

#define CONN(dom) qemuCore->handle_conn(dom)

/* utime+stime (ns) and the last cpu of /proc/PID[/task/TID]/stat. */
static int procStat(pid_t pid, pid_t tid, unsigned long long *ns, int *cpu)
{
    char path[96];
    if (tid)
        snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int) pid, (int) tid);
    else
        snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    char *text = virtFileRead(path, 4096, NULL);
    if (!text)
        return -1;
    char *p = strrchr(text, ')');
    unsigned long long ut = 0, st = 0;
    int last = 0;
    /* after ")": state(3) ... utime(14) stime(15) ... processor(39) */
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu "
                     "%*d %*d %*d %*d %*d %*d %*u %*u %*d %*u %*u %*u %*u %*u %*u %*u %*u "
                     "%*u %*u %*u %*u %*u %*u %*u %*d %d", &ut, &st, &last) < 2) {
        free(text);
        return -1;
    }
    free(text);
    long hz = sysconf(_SC_CLK_TCK);
    *ns = (ut + st) * (1000000000ULL / (unsigned long long) (hz > 0 ? hz : 100));
    if (cpu)
        *cpu = last;
    return 0;
}

int qemuDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    unsigned long long ns = 0;

    if (!vm)
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = (unsigned char) vm->state;
    info->maxMem = virtDomainModelMaxMemory(vm->def);
    info->memory = virtDomainModelCurrentMemory(vm->def);
    info->nrVirtCpu = (unsigned short) virtDomainModelVcpus(vm->def);
    if (vm->pid && procStat(vm->pid, 0, &ns, NULL) == 0)
        info->cpuTime = ns;
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

int qemuDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return -1;
    *state = vm->state;
    if (reason)
        *reason = vm->reason;
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

char *qemuDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    char *xml;

    if (!vm)
        return NULL;
    unsigned int fmt = flags & VIR_DOMAIN_XML_SECURE ? VIRT_XML_SECURE : 0;
    if (flags & VIR_DOMAIN_XML_INACTIVE)
        xml = virtDomainModelFormat(qemuDomainPersistentDef(vm), fmt | VIRT_XML_INACTIVE);
    else
        xml = virtDomainModelFormat(vm->def, fmt);
    pthread_mutex_unlock(&drv->lock);
    return xml;
}

char *qemuDomainGetOSType(virDomainPtr dom)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return NULL;
    const virtDomainOs *os = vm->def->os;
    char *t = virtStrdup(os && os->type && os->type->text ? os->type->text : "hvm");
    pthread_mutex_unlock(&drv->lock);
    return t;
}

unsigned long qemuDomainGetMaxMemory(virDomainPtr dom)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return 0;
    unsigned long m = (unsigned long) virtDomainModelMaxMemory(vm->def);
    pthread_mutex_unlock(&drv->lock);
    return m;
}

/* Persist a change to the persistent definition (inactive domains). */
static int savePersistent(virDomainPtr dom, qemuDriver *drv, qemuDomain *vm)
{
    char *errmsg = NULL;
    if (!vm->persistent || qemuStoreSaveConfig(drv, qemuDomainPersistentDef(vm), &errmsg) == 0)
        return 0;
    QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
    free(errmsg);
    return -1;
}

static int setMaxMemory(virDomainPtr dom, unsigned long memory)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    int ret = -1;

    if (!vm)
        return -1;
    if (vm->pid) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_INVALID,
                   "cannot change the maximum memory of running domain '%s'", vm->def->name);
        goto cleanup;
    }
    unsigned long long old = virtDomainModelMaxMemory(vm->def), oldcur = virtDomainModelCurrentMemory(vm->def);
    virtDomainModelSetMaxMemory(vm->def, memory);
    if (oldcur > memory)
        virtDomainModelSetCurrentMemory(vm->def, memory);
    ret = savePersistent(dom, drv, vm);
    if (ret < 0) {
        virtDomainModelSetMaxMemory(vm->def, old);
        virtDomainModelSetCurrentMemory(vm->def, oldcur);
    }
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int setCurrentMemory(virDomainPtr dom, unsigned long memory)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    char *errmsg = NULL;
    int ret = -1;

    if (!vm)
        return -1;
    if (memory > virtDomainModelMaxMemory(vm->def)) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "%lu KiB is more than the maximum %llu KiB",
                   memory, virtDomainModelMaxMemory(vm->def));
        goto cleanup;
    }
    if (!vm->pid) {
        unsigned long long old = virtDomainModelCurrentMemory(vm->def);
        virtDomainModelSetCurrentMemory(vm->def, memory);
        if ((ret = savePersistent(dom, drv, vm)) < 0)
            virtDomainModelSetCurrentMemory(vm->def, old);
        goto cleanup;
    }
    const virtDomainMemballoon *balloon = vm->def->devices ? vm->def->devices->memballoon : NULL;
    if (!balloon || !virtStrEq(balloon->model, "virtio")) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_INVALID,
                   "domain '%s' has no memory balloon (<memballoon model='virtio'/>)", vm->def->name);
        goto cleanup;
    }
    if (qemuMonitorCommand(vm->mon, "balloon", json_pack("{s:I}", "value", (json_int_t) memory * 1024),
                           NULL, 10000, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        goto cleanup;
    }
    virtDomainModelSetCurrentMemory(vm->def, memory);
    qemuStoreSaveStatus(drv, vm);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    return ret;
}

/* The AFFECT_* choice follows the domain's state: a running domain's
 * memory and vcpus change live, a stopped one's in its definition. */
int qemuDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM, -1);
    if (flags & VIR_DOMAIN_MEM_MAXIMUM)
        return setMaxMemory(dom, memory);
    return setCurrentMemory(dom, memory);
}

int qemuDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return -1;
    int n = (int) virtDomainModelVcpus(vm->def);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int qemuDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    int ret = -1;

    if (!vm)
        return -1;
    if (vm->pid) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_INVALID,
                   "cannot change the vcpus of running domain '%s' (no vcpu hotplug)", vm->def->name);
        goto cleanup;
    }
    if (nvcpus < 1 || nvcpus > 255) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "%u vcpus: allowed 1 to 255", nvcpus);
        goto cleanup;
    }
    unsigned int old = virtDomainModelVcpus(vm->def), oldcur = virtDomainModelCurrentVcpus(vm->def);
    virtDomainModelSetVcpus(vm->def, nvcpus, 0);
    if ((ret = savePersistent(dom, drv, vm)) < 0)
        virtDomainModelSetVcpus(vm->def, old, oldcur);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int hostCpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_CONF);
    return n > 0 ? (int) n : 1;
}

int qemuDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                           unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    pid_t *tids = NULL;
    int ret = -1;

    if (!vm)
        return -1;
    int n = qemuProcessVcpuThreads(vm, &tids);
    if (n < 0 || vcpu >= (unsigned int) n || !tids[vcpu]) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "domain '%s' has no vcpu %u", vm->def->name, vcpu);
        goto cleanup;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    int ncpu = hostCpus();
    for (int c = 0; c < maplen * 8 && c < ncpu && c < CPU_SETSIZE; c++)
        if (cpumap[c / 8] & (1 << (c % 8)))
            CPU_SET(c, &set);
    if (CPU_COUNT(&set) == 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "the cpu map selects no host cpu");
        goto cleanup;
    }
    if (sched_setaffinity(tids[vcpu], sizeof(set), &set) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_SYSTEM_ERROR, "cannot pin vcpu %u (thread %d): %s",
                   vcpu, (int) tids[vcpu], strerror(errno));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(tids);
    return ret;
}

int qemuDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    pid_t *tids = NULL;
    int ret = -1;

    if (!vm)
        return -1;
    int n = qemuProcessVcpuThreads(vm, &tids);
    if (n < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "cannot list the vcpus of '%s'", vm->def->name);
        goto cleanup;
    }
    if (n > maxinfo)
        n = maxinfo;
    if (cpumaps)
        memset(cpumaps, 0, (size_t) maxinfo * (size_t) maplen);
    for (int i = 0; i < n; i++) {
        unsigned long long ns = 0;
        int cpu = 0;
        memset(&info[i], 0, sizeof(info[i]));
        info[i].number = (unsigned int) i;
        info[i].state = VIR_VCPU_RUNNING;
        if (procStat(vm->pid, tids[i], &ns, &cpu) == 0) {
            info[i].cpuTime = ns;
            info[i].cpu = cpu;
        }
        if (cpumaps) {
            cpu_set_t set;
            if (sched_getaffinity(tids[i], sizeof(set), &set) == 0)
                for (int c = 0; c < maplen * 8 && c < CPU_SETSIZE; c++)
                    if (CPU_ISSET(c, &set))
                        cpumaps[i * maplen + c / 8] |= (unsigned char) (1 << (c % 8));
        }
    }
    ret = n;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(tids);
    return ret;
}

int qemuDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return -1;
    *autostart = vm->autostart;
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

int qemuDomainSetAutostart(virDomainPtr dom, int autostart)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    char *errmsg = NULL;
    int ret = -1;

    if (!vm)
        return -1;
    if (!vm->persistent) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_INVALID,
                   "cannot set autostart of transient domain '%s'", vm->def->name);
    } else if (qemuStoreSetAutostart(drv, vm->def->name, autostart != 0, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
    } else {
        vm->autostart = autostart != 0;
        ret = 0;
    }
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    return ret;
}

/* The cpu controller folder of the QEMU process (cgroup v2 or v1). */
static char *cpuCgroup(pid_t pid, bool *v2)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/cgroup", (int) pid);
    char *text = virtFileRead(path, 65536, NULL);
    char *dir = NULL, *save = NULL;

    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line && !dir;
         line = strtok_r(NULL, "\n", &save)) {
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2)
            continue;
        *c2 = '\0';
        const char *ctrls = c1 + 1, *rel = c2 + 1;
        char *cand = NULL;
        if (ctrls[0] == '\0') {
            cand = virtAsprintf("/sys/fs/cgroup/unified%s/cpu.weight", rel);
            if (access(cand, W_OK) < 0) {
                free(cand);
                cand = virtAsprintf("/sys/fs/cgroup%s/cpu.weight", rel);
            }
            *v2 = true;
        } else if (strstr(ctrls, "cpu") && !strstr(ctrls, "cpuset")) {
            cand = virtAsprintf("/sys/fs/cgroup/cpu%s/cpu.shares", rel);
            if (access(cand, W_OK) < 0) {
                free(cand);
                cand = virtAsprintf("/sys/fs/cgroup/cpu,cpuacct%s/cpu.shares", rel);
            }
            *v2 = false;
        }
        if (cand && access(cand, W_OK) == 0)
            dir = cand;
        else
            free(cand);
    }
    free(text);
    return dir;
}

/* Scheduler parameters need a cgroup of the guest's own: a shared one
 * (the daemon's, say) would change other processes too. */
static char *guestCgroupFile(virDomainPtr dom, qemuDomain *vm, bool *v2)
{
    if (!vm->pid) {
        qemuCore->error(CONN(dom), VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
        return NULL;
    }
    char *file = cpuCgroup(vm->pid, v2);
    char *mine = cpuCgroup(getpid(), v2);
    if (!file || (mine && strcmp(file, mine) == 0)) {
        QEMU_ERROR(CONN(dom), VIR_ERR_NO_SUPPORT,
                   "no cpu cgroup of its own for domain '%s': scheduler parameters need cgroups",
                   vm->def->name);
        free(file);
        file = NULL;
    }
    free(mine);
    return file;
}

char *qemuDomainGetSchedulerType(virDomainPtr dom, int *nparams)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    bool v2 = false;
    if (!vm)
        return NULL;
    char *file = guestCgroupFile(dom, vm, &v2);
    pthread_mutex_unlock(&drv->lock);
    if (!file)
        return NULL;
    free(file);
    if (nparams)
        *nparams = 1;
    return virtStrdup("posix");
}

int qemuDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                          unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    bool v2 = false;
    if (!vm)
        return -1;
    char *file = guestCgroupFile(dom, vm, &v2);
    pthread_mutex_unlock(&drv->lock);
    if (!file)
        return -1;
    char *text = virtFileRead(file, 64, NULL);
    unsigned long long v = text ? strtoull(text, NULL, 10) : 0;
    free(text);
    free(file);
    if (*nparams < 1) {
        *nparams = 1;
        return 0;
    }
    memset(&params[0], 0, sizeof(params[0]));
    snprintf(params[0].field, sizeof(params[0].field), "cpu_shares");
    params[0].type = VIR_TYPED_PARAM_ULLONG;
    /* cgroup v2 weight 1..10000 (default 100) <-> shares (default 1024) */
    params[0].value.ul = v2 ? v * 1024 / 100 : v;
    *nparams = 1;
    return 0;
}

int qemuDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                          unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    bool v2 = false;
    int ret = -1;
    if (!vm)
        return -1;
    char *file = guestCgroupFile(dom, vm, &v2);
    pthread_mutex_unlock(&drv->lock);
    if (!file)
        return -1;
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, "cpu_shares") != 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "unknown scheduler parameter '%s'", params[i].field);
            goto cleanup;
        }
        unsigned long long v = params[i].type == VIR_TYPED_PARAM_ULLONG ? params[i].value.ul :
                               (unsigned long long) params[i].value.ui;
        if (v2)
            v = v * 100 / 1024 < 1 ? 1 : v * 100 / 1024 > 10000 ? 10000 : v * 100 / 1024;
        char *s = virtAsprintf("%llu", v);
        FILE *f = fopen(file, "w");
        bool ok = f && fputs(s, f) >= 0;
        if (f && fclose(f) != 0)
            ok = false;
        free(s);
        if (!ok) {
            QEMU_ERROR(CONN(dom), VIR_ERR_SYSTEM_ERROR, "cannot write '%s'", file);
            goto cleanup;
        }
    }
    ret = 0;
 cleanup:
    free(file);
    return ret;
}

int qemuDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats, size_t size)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    json_t *ret = NULL, *e;
    char *errmsg = NULL, *want = NULL;
    size_t i;
    int rc = -1;

    if (!vm)
        return -1;
    const virtDomainDisk *d = NULL;
    for (i = 0; i < virtDomainModelDiskCount(vm->def) && !d; i++) {
        const virtDomainDisk *c = vm->def->devices->disk[i];
        if (virtStrEq(virtDomainModelDiskTarget(c), disk) || virtStrEq(virtDomainModelDiskSource(c), disk))
            d = c;
    }
    if (!d) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "domain '%s' has no disk '%s'", vm->def->name, disk);
        goto cleanup;
    }
    want = qemuDiskDriveId(d);
    if (qemuMonitorCommand(vm->mon, "query-blockstats", NULL, &ret, 10000, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        goto cleanup;
    }
    json_array_foreach(ret, i, e) {
        if (!virtStrEq(json_string_value(json_object_get(e, "device")), want))
            continue;
        json_t *s = json_object_get(e, "stats");
        virDomainBlockStatsStruct out;
        memset(&out, 0, sizeof(out));
        out.rd_req = json_integer_value(json_object_get(s, "rd_operations"));
        out.rd_bytes = json_integer_value(json_object_get(s, "rd_bytes"));
        out.wr_req = json_integer_value(json_object_get(s, "wr_operations"));
        out.wr_bytes = json_integer_value(json_object_get(s, "wr_bytes"));
        out.errs = -1;
        memcpy(stats, &out, size < sizeof(out) ? size : sizeof(out));
        rc = 0;
    }
    if (rc < 0)
        QEMU_ERROR(CONN(dom), VIR_ERR_INTERNAL_ERROR, "QEMU reports no statistics for '%s'", want);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    json_decref(ret);
    free(errmsg);
    free(want);
    return rc;
}

int qemuDomainInterfaceStats(virDomainPtr dom, const char *device,
                             virDomainInterfaceStatsPtr stats, size_t size)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    long long v[8];
    int rc = -1;

    if (!vm)
        return -1;
    const char *target = NULL;
    for (size_t i = 0; i < virtDomainModelIfaceCount(vm->def) && !target; i++) {
        const virtDomainInterface *c = vm->def->devices->interface[i];
        if (virtStrEq(virtDomainModelIfaceTarget(c), device) || virtStrEq(virtDomainModelIfaceMAC(c), device))
            target = virtDomainModelIfaceTarget(c);
    }
    if (!target) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG,
                   "domain '%s' has no interface '%s' with a host device", vm->def->name, device);
        goto cleanup;
    }
    if (qemuTapStats(target, v) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "cannot read the counters of '%s'", target);
        goto cleanup;
    }
    /* the tap's receive side is what the guest transmitted */
    virDomainInterfaceStatsStruct out = {
        .rx_bytes = v[4], .rx_packets = v[5], .rx_errs = v[6], .rx_drop = v[7],
        .tx_bytes = v[0], .tx_packets = v[1], .tx_errs = v[2], .tx_drop = v[3],
    };
    memcpy(stats, &out, size < sizeof(out) ? size : sizeof(out));
    rc = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return rc;
}
