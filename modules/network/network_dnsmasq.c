/* network_dnsmasq.c: one dnsmasq per network for DHCP and DNS, as
 * libvirt runs it: DNSMASQ/NAME.conf (with NAME.hostsfile and
 * NAME.addnhosts beside it, and the leases in NAME.leases), its pid in
 * PIDS/NAME.pid. dnsmasq daemonizes itself and reports a failed start
 * through its exit status and stderr, which become our error. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "network_checks.h"
#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.dnsmasq");

/* The binary: VIRT_DNSMASQ names another (tests use it to take it away). */
static const char *dnsmasqBinary(void)
{
    const char *env = getenv("VIRT_DNSMASQ");
    return env && env[0] ? env : "/usr/sbin/dnsmasq";
}

bool netNeedsDnsmasq(const virtNetworkDef *def)
{
    const char *mode = def->forward ? def->forward->mode : NULL;
    if (mode && strcmp(mode, "nat") && strcmp(mode, "route") && strcmp(mode, "open"))
        return false;
    bool dns = !(def->dns && def->dns->enable == 2);
    for (size_t i = 0; i < def->nip; i++)
        if (dns || (def->ip[i]->dhcp && (def->ip[i]->dhcp->nrange || def->ip[i]->dhcp->nhost)))
            return true;
    return false;
}

static char *file(netDriver *drv, const char *name, const char *suffix)
{
    return netStoreFile(drv->paths.dnsmasq_dir, name, suffix);
}

static void addRanges(virtBuf *b, const virtNetworkIp *ip, unsigned long *leases)
{
    netAddr a;
    if (!ip->dhcp || !netIpAddr(ip, &a))
        return;
    for (size_t i = 0; i < ip->dhcp->nrange; i++) {
        const virtNetworkIpDhcpRange *r = ip->dhcp->range[i];
        if (a.family == AF_INET) {
            struct in_addr s, e;
            uint32_t mask = a.prefix ? htonl(~0u << (32 - a.prefix)) : 0;
            char m[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &mask, m, sizeof(m));
            virtBufPrintf(b, "dhcp-range=%s,%s,%s\n", r->start, r->end, m);
            if (inet_pton(AF_INET, r->start, &s) == 1 && inet_pton(AF_INET, r->end, &e) == 1)
                *leases += ntohl(e.s_addr) - ntohl(s.s_addr) + 1;
        } else {
            virtBufPrintf(b, "dhcp-range=%s,%s,%d\n", r->start, r->end, a.prefix);
            *leases += 1000;
        }
    }
    *leases += ip->dhcp->nhost;
}

/* One line of the hosts file: [MAC][,id:ID][,IP][,NAME]. */
static void addHostLine(virtBuf *h, const virtNetworkIpDhcpHost *dh)
{
    const char *sep = "";
    if (dh->mac) {
        virtBufAdd(h, dh->mac);
        sep = ",";
    }
    if (dh->id) {
        virtBufPrintf(h, "%sid:%s", sep, dh->id);
        sep = ",";
    }
    if (dh->ip) {
        virtBufPrintf(h, "%s%s", sep, dh->ip);
        sep = ",";
    }
    if (dh->name)
        virtBufPrintf(h, "%s%s", sep, dh->name);
    virtBufAdd(h, "\n");
}

/* DNS forwarders, SRV and TXT records into the config; host records
 * into the addn-hosts file's text. */
static void addDns(virtBuf *b, virtBuf *a, const virtNetworkDns *dns)
{
    for (size_t i = 0; i < dns->nforwarder; i++) {
        const virtNetworkDnsForwarder *f = dns->forwarder[i];
        if (f->domain && f->addr)
            virtBufPrintf(b, "server=/%s/%s\n", f->domain, f->addr);
        else if (f->domain)
            virtBufPrintf(b, "server=/%s/\n", f->domain);
        else if (f->addr)
            virtBufPrintf(b, "server=%s\n", f->addr);
    }
    for (size_t i = 0; i < dns->nsrv; i++) {
        const virtNetworkDnsSrv *s = dns->srv[i];
        if (!s->service || !s->protocol)
            continue;
        /* _service._protocol[.domain][,target[,port[,priority[,weight]]]] */
        virtBufPrintf(b, "srv-host=_%s._%s%s%s", s->service, s->protocol,
                      s->domain ? "." : "", s->domain ? s->domain : "");
        const char *rest[] = { s->target, s->port, s->priority, s->weight };
        for (size_t k = 0; k < 4 && rest[k]; k++)
            virtBufPrintf(b, ",%s", rest[k]);
        virtBufAdd(b, "\n");
    }
    for (size_t i = 0; i < dns->ntxt; i++)
        if (dns->txt[i]->name)
            virtBufPrintf(b, "txt-record=%s,%s\n", dns->txt[i]->name,
                          dns->txt[i]->value ? dns->txt[i]->value : "");
    for (size_t i = 0; i < dns->nhost; i++) {
        const virtNetworkDnsHost *dh = dns->host[i];
        virtBufAdd(a, dh->ip ? dh->ip : "");
        for (size_t j = 0; j < dh->nhostname; j++)
            virtBufPrintf(a, "\t%s", dh->hostname[j]);
        virtBufAdd(a, "\n");
    }
}

/* The config file's text, and the two host files beside it. */
static char *configText(netDriver *drv, const virtNetworkDef *def, char **hosts, char **addnhosts)
{
    virtBuf b = { 0 }, h = { 0 }, a = { 0 };
    char *pid = netStoreFile(drv->paths.pid_dir, def->name, ".pid");
    char *hostsPath = file(drv, def->name, ".hostsfile");
    char *addnPath = file(drv, def->name, ".addnhosts");
    char *leasePath = file(drv, def->name, ".leases");
    unsigned long leases = 0;
    bool dhcp = false, v6 = false;

    virtBufPrintf(&b, "## dnsmasq's settings for network %s, written by libvirtd each time the\n"
                      "## network starts or changes: edit the network (virsh net-edit %s), not this file.\n",
                  def->name, def->name);
    virtBufAdd(&b, "strict-order\n");
    virtBufPrintf(&b, "pid-file=%s\n", pid);
    if (def->dns && def->dns->enable == 2)
        virtBufAdd(&b, "port=0\n");
    if (def->domain && def->domain->name) {
        if (def->domain->localOnly == 1)
            virtBufPrintf(&b, "local=/%s/\n", def->domain->name);
        virtBufPrintf(&b, "domain=%s\nexpand-hosts\n", def->domain->name);
    }
    if (def->dns)
        addDns(&b, &a, def->dns);
    virtBufAdd(&b, "except-interface=lo\nbind-dynamic\n");
    virtBufPrintf(&b, "interface=%s\n", virtNetworkDefBridgeName(def));
    if (!def->forward) {
        /* isolated: no default route for the guests, no DNS beyond the
         * network, and no router advertised (libvirt's choices) */
        virtBufAdd(&b, "dhcp-option=3\nno-resolv\nra-param=*,0,0\n");
    }
    for (size_t i = 0; i < def->nip; i++) {
        const virtNetworkIp *ip = def->ip[i];
        size_t before = b.len;
        addRanges(&b, ip, &leases);
        if (b.len != before || (ip->dhcp && ip->dhcp->nhost))
            dhcp = true;
        if (virtNetworkAddrFamily(ip->address) == AF_INET6)
            v6 = true;
        for (size_t j = 0; ip->dhcp && j < ip->dhcp->nhost; j++)
            addHostLine(&h, ip->dhcp->host[j]);
    }
    if (dhcp) {
        virtBufAdd(&b, "dhcp-no-override\ndhcp-authoritative\n");
        virtBufPrintf(&b, "dhcp-lease-max=%lu\n", leases);
        virtBufPrintf(&b, "dhcp-hostsfile=%s\n", hostsPath);
        virtBufPrintf(&b, "dhcp-leasefile=%s\n", leasePath);
    }
    if (v6)
        virtBufAdd(&b, "enable-ra\n");
    virtBufPrintf(&b, "addn-hosts=%s\n", addnPath);
    *hosts = virtBufSteal(&h);
    *addnhosts = virtBufSteal(&a);
    free(pid);
    free(hostsPath);
    free(addnPath);
    free(leasePath);
    return virtBufSteal(&b);
}

static int writeFile(const char *path, const char *text, char **errmsg)
{
    if (virtFileWriteAtomic(path, text, strlen(text), 0644) < 0) {
        *errmsg = virtAsprintf("cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int netDnsmasqWriteFiles(netDriver *drv, netObj *obj, char **errmsg)
{
    const char *name = obj->def->name;
    char *conf = file(drv, name, ".conf");
    char *hostsPath = file(drv, name, ".hostsfile");
    char *addnPath = file(drv, name, ".addnhosts");
    char *hosts = NULL, *addn = NULL;
    char *text = configText(drv, obj->def, &hosts, &addn);
    int rc = writeFile(hostsPath, hosts, errmsg) < 0 || writeFile(addnPath, addn, errmsg) < 0 ||
             writeFile(conf, text, errmsg) < 0 ? -1 : 0;
    free(conf);
    free(hostsPath);
    free(addnPath);
    free(hosts);
    free(addn);
    free(text);
    return rc;
}

/* A live dnsmasq started for conf: a zombie or a reused pid is not one. */
static bool pidIsOurs(pid_t pid, const char *conf)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    char *stat = virtFileRead(path, 4096, NULL);
    char *paren = stat ? strrchr(stat, ')') : NULL;
    bool alive = paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
    free(stat);
    if (!alive)
        return false;
    snprintf(path, sizeof(path), "/proc/%d/cmdline", (int) pid);
    size_t len = 0;
    char *cmd = virtFileRead(path, 65536, &len);
    bool ours = false;
    for (size_t i = 0; cmd && i < len; i += strlen(cmd + i) + 1)
        if (strncmp(cmd + i, "--conf-file=", 12) == 0 && strcmp(cmd + i + 12, conf) == 0)
            ours = true;
    free(cmd);
    return ours;
}

pid_t netDnsmasqReadPid(netDriver *drv, const char *name)
{
    char *pidPath = netStoreFile(drv->paths.pid_dir, name, ".pid");
    char *conf = file(drv, name, ".conf");
    char *text = virtFileRead(pidPath, 64, NULL);
    pid_t pid = text ? (pid_t) strtol(text, NULL, 10) : 0;
    if (pid > 0 && !pidIsOurs(pid, conf))
        pid = 0;
    free(text);
    free(pidPath);
    free(conf);
    return pid;
}

int netDnsmasqStart(netDriver *drv, netObj *obj, char **errmsg)
{
    const char *bin = dnsmasqBinary();
    const char *name = obj->def->name;
    char *conf = file(drv, name, ".conf");
    char *hostsPath = file(drv, name, ".hostsfile");
    char *addnPath = file(drv, name, ".addnhosts");
    char *arg = virtAsprintf("--conf-file=%s", conf);
    char out[2048];
    size_t got = 0;
    int pipefd[2] = { -1, -1 }, status = 0, ret = -1;
    pid_t child;

    if (access(bin, X_OK) < 0) {
        *errmsg = virtAsprintf("Cannot check dnsmasq binary %s: %s", bin, strerror(errno));
        goto cleanup;
    }
    if (netDnsmasqWriteFiles(drv, obj, errmsg) < 0)
        goto cleanup;
    if (pipe2(pipefd, O_CLOEXEC) < 0 || (child = fork()) < 0) {
        *errmsg = virtAsprintf("cannot start %s: %s", bin, strerror(errno));
        goto cleanup;
    }
    if (child == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        /* nothing of the daemon's (sockets, locks) goes with it */
        close_range(3, ~0u, 0);
        execl(bin, "dnsmasq", arg, (char *) NULL);
        fprintf(stderr, "cannot execute %s: %s\n", bin, strerror(errno));
        _exit(127);
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    /* dnsmasq's first process exits once the daemon is up (or failed) */
    for (ssize_t n; got < sizeof(out) - 1 && (n = read(pipefd[0], out + got, sizeof(out) - 1 - got)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        got += (size_t) n;
    }
    out[got] = '\0';
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char *nl = strchr(out, '\n');
        if (nl && !nl[1])
            *nl = '\0';
        *errmsg = virtAsprintf("Child process (%s %s) unexpected exit status %d: %s", bin, arg,
                               WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out);
        goto cleanup;
    }
    /* the pid file is written before the first process exits */
    if (!(obj->dnsmasq = netDnsmasqReadPid(drv, name))) {
        *errmsg = virtAsprintf("dnsmasq for network '%s' started but wrote no pid file", name);
        goto cleanup;
    }
    NET_DEBUG("network '%s': dnsmasq %d running with %s", name, (int) obj->dnsmasq, conf);
    ret = 0;
 cleanup:
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (ret < 0) {
        unlink(conf);
        unlink(hostsPath);
        unlink(addnPath);
    }
    free(conf);
    free(hostsPath);
    free(addnPath);
    free(arg);
    return ret;
}

void netDnsmasqStop(netDriver *drv, netObj *obj)
{
    const char *name = obj->def->name;
    char *conf = file(drv, name, ".conf");
    pid_t pid = obj->dnsmasq ? obj->dnsmasq : netDnsmasqReadPid(drv, name);

    if (pid > 0 && pidIsOurs(pid, conf)) {
        kill(pid, SIGTERM);
        /* it is not our child: watch it go, then insist */
        for (int i = 0; i < 200 && pidIsOurs(pid, conf); i++) {
            struct timespec ts = { 0, 10 * 1000 * 1000 };
            nanosleep(&ts, NULL);
        }
        if (pidIsOurs(pid, conf))
            kill(pid, SIGKILL);
    }
    obj->dnsmasq = 0;
    char *pidPath = netStoreFile(drv->paths.pid_dir, name, ".pid");
    char *hostsPath = file(drv, name, ".hostsfile");
    char *addnPath = file(drv, name, ".addnhosts");
    unlink(pidPath);
    unlink(conf);
    unlink(hostsPath);
    unlink(addnPath);
    free(pidPath);
    free(hostsPath);
    free(addnPath);
    free(conf);
}
