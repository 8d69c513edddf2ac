/* test_qemu_bridge.c: a bridged guest on qemu:///session, in-process.
 * As root, the program moves into a network namespace of its own, makes
 * a bridge there with 10.77.0.1/24 and boots the tiny guest on it as
 * 10.77.0.2: the tap must join the bridge (up, with the bridge as
 * master), carry pings, count them, and vanish with the guest. Bad
 * bridges fail clearly and leave neither QEMU nor tap behind. */
#include <sched.h>

#include <net/if.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/cache.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>

#include "guest_env.h"
#include "harness.h"
#include "registry.h"

#define BRIDGE "tbr0"
#define GUEST_IP "10.77.0.2"

static virConnectPtr conn;
static struct nl_sock *nl;

/* Links in our namespace: lo and the bridge when nothing leaked. */
static int linkCount(void)
{
    struct nl_cache *cache = NULL;
    if (rtnl_link_alloc_cache(nl, AF_UNSPEC, &cache) < 0)
        return -1;
    int n = nl_cache_nitems(cache);
    nl_cache_free(cache);
    return n;
}

/* The kernel's view of one link (caller puts), NULL when absent. */
static struct rtnl_link *linkGet(const char *name)
{
    struct rtnl_link *l = NULL;
    if (rtnl_link_get_kernel(nl, 0, name, &l) < 0)
        return NULL;
    return l;
}

/* The guest with one interface (xml fragment) and extra kernel args. */
static char *bridgedXML(const char *name, const char *uuid, const char *iface, const char *args)
{
    char *base = guestXML(name, uuid, iface);
    char *tail = NULL;
    if (asprintf(&tail, " %s</cmdline>", args) < 0)
        tail = NULL;
    char *out = base && tail ? textReplace(base, "</cmdline>", tail) : NULL;
    free(base);
    free(tail);
    return out;
}

/* The tap named in the live XML's first interface (caller frees). */
static char *liveTap(virDomainPtr dom)
{
    char *xml = virDomainGetXMLDesc(dom, 0);
    char *i = xml ? strstr(xml, "<interface") : NULL;
    char *t = i ? strstr(i, "<target dev='") : NULL;
    char *out = NULL;
    if (t) {
        t += strlen("<target dev='");
        out = strndup(t, strcspn(t, "'"));
    }
    free(xml);
    return out;
}

static void setup_bridge(void)
{
    CHECK((nl = nl_socket_alloc()) != NULL);
    CHECK(nl && nl_connect(nl, NETLINK_ROUTE) == 0);
    CHECK(system("ip link set lo up && ip link add " BRIDGE " type bridge && "
                 "ip addr add 10.77.0.1/24 dev " BRIDGE " && ip link set " BRIDGE " up") == 0);
    struct rtnl_link *br = linkGet(BRIDGE);
    CHECK(br && rtnl_link_is_bridge(br) == 1);
    rtnl_link_put(br);
    CHECK(linkCount() == 2);
}

static void open_session(void)
{
    conn = virConnectOpen("qemu:///session");
    CHECK(conn != NULL);
    if (!conn) {
        printf("Bail out! cannot open qemu:///session: %s\n", lastError());
        exit(1);
    }
}

/* Start must fail with every needle; no QEMU and no tap left behind. */
static void startFails(const char *name, const char *xml, const char *const *needles)
{
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    CHECK(dom != NULL);
    if (!dom) {
        printf("#   define failed: %s\n", lastError());
        return;
    }
    CHECK(virDomainCreate(dom) < 0);
    for (; *needles; needles++)
        CHECK_ERR(*needles);
    CHECK(countOurQemus() == 0);
    CHECK(linkCount() == 2);
    CHECK(if_nametoindex("vnet0") == 0);
    int st = -1, reason;
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_SHUTOFF);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
}

static void bad_missing_bridge(void)
{
    char *xml = bridgedXML("nobr", "0b000000-0000-4000-8000-000000000001",
                           "    <interface type='bridge'><source bridge='nosuchbr'/>"
                           "<model type='virtio'/></interface>\n", "");
    const char *needles[] = { "bridge 'nosuchbr'", "tap 'vnet", "does not exist", NULL };
    startFails("nobr", xml, needles);
    free(xml);
}

static void bad_not_a_bridge(void)
{
    char *xml = bridgedXML("lobr", "0b000000-0000-4000-8000-000000000002",
                           "    <interface type='bridge'><source bridge='lo'/>"
                           "<model type='virtio'/></interface>\n", "");
    const char *needles[] = { "'lo'", "not a bridge", NULL };
    startFails("lobr", xml, needles);
    free(xml);
}

/* The tap is made before QEMU runs; a QEMU that dies must take it along. */
static void bad_qemu_fails_after_tap(void)
{
    char *xml = bridgedXML("crashbr", "0b000000-0000-4000-8000-000000000003",
                           "    <interface type='bridge'><source bridge='" BRIDGE "'/>"
                           "<model type='virtio'/></interface>\n", "");
    char *p = xml ? strstr(xml, "machine='pc'") : NULL;
    char *bad = NULL;
    if (p && asprintf(&bad, "%.*smachine='no-such-board'%s", (int) (p - xml), xml,
                      p + strlen("machine='pc'")) < 0)
        bad = NULL;
    CHECK(bad != NULL);
    const char *needles[] = { "unsupported machine type", NULL };
    if (bad)
        startFails("crashbr", bad, needles);
    free(xml);
    free(bad);
}

static bool pingGuest(void)
{
    return system("ping -c 3 -W 2 " GUEST_IP " >/dev/null 2>&1") == 0;
}

static void bridged_guest(void)
{
    char *xml = bridgedXML("bridged", "0b000000-0000-4000-8000-000000000100",
                           "    <interface type='bridge'><source bridge='" BRIDGE "'/>"
                           "<model type='virtio'/></interface>\n",
                           "tg.ip=" GUEST_IP "/24");
    virDomainPtr dom = xml ? virDomainDefineXML(conn, xml) : NULL;
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK(virDomainCreate(dom) == 0);
    /* held until we read the console, so no line is missed */
    CHECK(virDomainSuspend(dom) == 0);
    if (harnessCurrentFailed) {
        printf("#   start failed: %s\n", lastError());
        virDomainUndefine(dom);
        virDomainFree(dom);
        return;
    }

    /* the tap: named in the live XML, up, and a port of the bridge */
    char *tap = liveTap(dom);
    CHECK(tap && strncmp(tap, "vnet", 4) == 0);
    struct rtnl_link *br = linkGet(BRIDGE);
    struct rtnl_link *l = tap ? linkGet(tap) : NULL;
    CHECK(l != NULL);
    CHECK(br && l && rtnl_link_get_master(l) == rtnl_link_get_ifindex(br));
    CHECK(l && (rtnl_link_get_flags(l) & IFF_UP));
    rtnl_link_put(l);
    rtnl_link_put(br);

    char *tty = consoleTty(dom);
    int fd = tty ? ptyOpen(tty) : -1;
    CHECK(fd >= 0);
    msleep(1100);   /* QEMU notices a reader on its pty within a second */
    CHECK(virDomainResume(dom) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, 2000) == 0);
    CHECK(fd >= 0 && ptyWaitFor(fd, "addr=" GUEST_IP "/24", 60000) == 0);
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-READY", 30000) == 0);

    /* the host reaches the guest through the bridge */
    CHECK(pingGuest());
    virDomainInterfaceStatsStruct s1, s2;
    memset(&s1, 0, sizeof(s1));
    memset(&s2, 0, sizeof(s2));
    int rc = tap ? virDomainInterfaceStats(dom, tap, &s1, sizeof(s1)) : -1;
    CHECK(rc == 0);
    if (rc < 0)
        printf("#   stats: %s\n", lastError());
    /* the guest's side: three requests in, three replies out at least */
    CHECK(s1.rx_packets >= 3 && s1.tx_packets >= 3);
    CHECK(s1.rx_bytes > 0 && s1.tx_bytes > 0);
    CHECK(pingGuest());
    CHECK(tap && virDomainInterfaceStats(dom, tap, &s2, sizeof(s2)) == 0);
    CHECK(s2.rx_packets >= s1.rx_packets + 3 && s2.tx_packets >= s1.tx_packets + 3);
    CHECK(s2.rx_bytes > s1.rx_bytes && s2.tx_bytes > s1.tx_bytes);
    /* the host's own view of the tap agrees (its rx is the guest's tx) */
    l = tap ? linkGet(tap) : NULL;
    CHECK(l && rtnl_link_get_stat(l, RTNL_LINK_RX_PACKETS) >= (uint64_t) s2.tx_packets);
    CHECK(l && rtnl_link_get_stat(l, RTNL_LINK_TX_PACKETS) >= (uint64_t) s2.rx_packets);
    rtnl_link_put(l);
    CHECK(virDomainInterfaceStats(dom, "vnet4095", &s2, sizeof(s2)) < 0);

    /* destroy: QEMU and the tap go */
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(countOurQemus() == 0);
    l = tap ? linkGet(tap) : NULL;
    CHECK(tap && l == NULL);
    rtnl_link_put(l);
    CHECK(linkCount() == 2);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    if (fd >= 0)
        close(fd);
    free(tty);
    free(tap);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP bridged guests need root (tap devices, a network namespace)\n");
        return 0;
    }
    envSetup(170);
    /* the guest may have to be built first, and that downloads packages:
     * before leaving the host's network */
    if (guestBuild() < 0)
        return 1;
    /* then a namespace of our own, so the bridge and the guest's addresses
     * never reach the host's network */
    if (unshare(CLONE_NEWNET) < 0) {
        printf("1..0 # SKIP cannot make a network namespace: %s\n", strerror(errno));
        return 0;
    }
    virtRegistrySetDaemonMode(true);

    TEST_RUN(setup_bridge);
    TEST_RUN(open_session);
    TEST_RUN(bad_missing_bridge);
    TEST_RUN(bad_not_a_bridge);
    TEST_RUN(bad_qemu_fails_after_tap);
    TEST_RUN(bridged_guest);
    if (conn)
        virConnectClose(conn);
    CHECK(countOurQemus() == 0);
    nl_socket_free(nl);
    TEST_DONE();
}
