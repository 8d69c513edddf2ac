/* test_qemu_guest.c: the QEMU module in-process, as libvirtd runs it
 * (daemon mode), through the public API on qemu:///session: capabilities,
 * bad input, and real guests under TCG (the tiny test guest). */
#include "guest_env.h"
#include "harness.h"
#include "registry.h"

static virConnectPtr conn;
static char diskPath[512], disk2Path[512];

static void makeDisk(const char *path, long size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, size) < 0)
        perror(path);
    if (fd >= 0)
        close(fd);
}

static int countRunFiles(const char *name)
{
    char dir[512];
    envPath(dir, sizeof(dir), "runtime/libvirt/qemu/run");
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)))
        if (strncmp(e->d_name, name, strlen(name)) == 0 && e->d_name[strlen(name)] == '.')
            n++;
    if (d)
        closedir(d);
    return n;
}

static bool configExists(const char *name)
{
    char path[512], rel[256];
    snprintf(rel, sizeof(rel), "config/libvirt/qemu/%s.xml", name);
    envPath(path, sizeof(path), rel);
    return access(path, F_OK) == 0;
}

static void open_session(void)
{
    conn = virConnectOpen("qemu:///session");
    CHECK(conn != NULL);
    if (!conn) {
        printf("Bail out! cannot open qemu:///session: %s\n", lastError());
        exit(1);
    }
    CHECK_STR(virConnectGetType(conn), "QEMU");
    unsigned long v = 0;
    CHECK(virConnectGetVersion(conn, &v) == 0 && v >= 7000000);
}

static void capabilities(void)
{
    char *caps = virConnectGetCapabilities(conn);
    CHECK(caps != NULL);
    if (!caps)
        return;
    CHECK(strstr(caps, "<arch name='x86_64'>") != NULL);
    CHECK(strstr(caps, "qemu-system-x86_64</emulator>") != NULL);
    CHECK(strstr(caps, "<domain type='qemu'/>") != NULL);
    /* no vmx/svm here: the paravirtual /dev/kvm must not be offered */
    if (system("grep -qwE 'vmx|svm' /proc/cpuinfo") != 0)
        CHECK(strstr(caps, "type='kvm'") == NULL);
    CHECK(strstr(caps, ">pc</machine>") != NULL);
    CHECK(strstr(caps, "<feature name='fpu'/>") != NULL);
    free(caps);
    /* cached per binary: a second call reads the cache */
    char cache[512];
    envPath(cache, sizeof(cache), "cache/libvirt/qemu/capabilities/_usr_bin_qemu-system-x86_64.machines");
    CHECK(access(cache, F_OK) == 0);
    caps = virConnectGetCapabilities(conn);
    CHECK(caps && strstr(caps, ">pc</machine>"));
    free(caps);
}

/* Define NAME from xml, try to start it; must fail with needle, leave no
 * QEMU, no run files, and the definition unchanged. */
static void startFails(const char *name, const char *xml, const char *needle)
{
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    CHECK(dom != NULL);
    if (!dom) {
        printf("#   define failed: %s\n", lastError());
        return;
    }
    CHECK(virDomainCreate(dom) < 0);
    CHECK_ERR(needle);
    CHECK(countOurQemus() == 0);
    CHECK(countRunFiles(name) == 0);
    int st = -1, reason;
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_SHUTOFF);
    CHECK(configExists(name));
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(!configExists(name));
    virDomainFree(dom);
}

static void bad_missing_emulator(void)
{
    char *xml = guestXML("bad-emu", "0a000000-0000-4000-8000-000000000001",
                         "    <emulator>/nonexistent/qemu-system-x86_64</emulator>\n");
    startFails("bad-emu", xml, "/nonexistent/qemu-system-x86_64");
    free(xml);
}

static void bad_missing_kernel(void)
{
    char *base = guestXML("bad-kernel", "0a000000-0000-4000-8000-000000000002", NULL);
    char *xml = textReplace(base, "/vmlinuz<", "/no-such-vmlinuz<");
    startFails("bad-kernel", xml, "no-such-vmlinuz");
    free(base);
    free(xml);
}

static void bad_missing_disk(void)
{
    char *xml = guestXML("bad-disk", "0a000000-0000-4000-8000-000000000003",
                         "    <disk type='file' device='disk'><source file='/nonexistent/disk.img'/>"
                         "<target dev='vda'/></disk>\n");
    startFails("bad-disk", xml, "/nonexistent/disk.img");
    free(xml);
}

static void bad_busy_vnc_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;
    struct sockaddr_in sa = { .sin_family = AF_INET };
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    for (port = 5950; port < 6100; port++) {
        sa.sin_port = htons((uint16_t) port);
        if (bind(fd, (struct sockaddr *) &sa, sizeof(sa)) == 0)
            break;
    }
    listen(fd, 1);
    char dev[256], msg[64];
    snprintf(dev, sizeof(dev), "    <graphics type='vnc' port='%d' autoport='no' listen='127.0.0.1'/>\n", port);
    snprintf(msg, sizeof(msg), "VNC port %d on 127.0.0.1 is busy", port);
    char *xml = guestXML("bad-vnc", "0a000000-0000-4000-8000-000000000004", dev);
    startFails("bad-vnc", xml, msg);
    free(xml);
    close(fd);
}

static void bad_duplicates(void)
{
    char *a = guestXML("dup-a", "0a000000-0000-4000-8000-0000000000a1", NULL);
    char *sameName = guestXML("dup-a", "0a000000-0000-4000-8000-0000000000a2", NULL);
    char *sameUUID = guestXML("dup-b", "0a000000-0000-4000-8000-0000000000a1", NULL);
    virDomainPtr dom = virDomainDefineXML(conn, a);
    CHECK(dom != NULL);
    CHECK(virDomainDefineXML(conn, sameName) == NULL);
    CHECK_ERR("domain 'dup-a' already exists with uuid 0a000000-0000-4000-8000-0000000000a1");
    CHECK(virDomainDefineXML(conn, sameUUID) == NULL);
    CHECK_ERR("domain 'dup-a' is already defined with uuid 0a000000-0000-4000-8000-0000000000a1");
    CHECK(virDomainCreateXML(conn, sameName, 0) == NULL);
    CHECK_ERR("already exists");
    CHECK(countOurQemus() == 0);
    CHECK(!configExists("dup-b"));
    /* the original is untouched */
    char *xml = dom ? virDomainGetXMLDesc(dom, 0) : NULL;
    CHECK(xml && strstr(xml, "0a000000-0000-4000-8000-0000000000a1"));
    free(xml);
    if (dom) {
        CHECK(virDomainUndefine(dom) == 0);
        virDomainFree(dom);
    }
    free(a);
    free(sameName);
    free(sameUUID);
}

static void bad_kqemu(void)
{
    char *base = guestXML("old", "0a000000-0000-4000-8000-000000000005", NULL);
    char *xml = textReplace(base, "type='qemu'", "type='kqemu'");
    CHECK(virDomainDefineXML(conn, xml) == NULL);
    CHECK_ERR("kqemu");
    CHECK(virDomainCreateXML(conn, xml, 0) == NULL);
    CHECK(!configExists("old"));
    free(base);
    free(xml);
}

static void bad_kvm_without_hardware(void)
{
    if (system("grep -qwE 'vmx|svm' /proc/cpuinfo") == 0)
        return;   /* a real KVM host */
    char *base = guestXML("nokvm", "0a000000-0000-4000-8000-000000000006", NULL);
    char *xml = textReplace(base, "type='qemu'", "type='kvm'");
    CHECK(virDomainCreateXML(conn, xml, 0) == NULL);
    CHECK_ERR("vmx/svm");
    CHECK(countOurQemus() == 0);
    free(base);
    free(xml);
}

static void bad_crash_at_start(void)
{
    char *base = guestXML("crashy", "0a000000-0000-4000-8000-000000000007", NULL);
    char *xml = textReplace(base, "machine='pc'", "machine='no-such-board'");
    /* QEMU's own complaint comes from the guest log */
    startFails("crashy", xml, "unsupported machine type");
    free(base);
    free(xml);
}

/* Does the domain's XML (live, or inactive with VIR_DOMAIN_XML_INACTIVE)
 * contain needle? */
static bool xmlHas(virDomainPtr dom, unsigned int flags, const char *needle)
{
    char *xml = virDomainGetXMLDesc(dom, flags);
    bool has = xml && strstr(xml, needle);
    free(xml);
    return has;
}

/* An interface of the live XML with this MAC and alias (virtio model),
 * in a PCI slot. */
static bool liveNic(virDomainPtr dom, const char *mac, const char *alias)
{
    char needle[256];
    snprintf(needle, sizeof(needle), "<mac address='%s'/>\n      <model type='virtio'/>\n"
             "      <alias name='%s'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x", mac, alias);
    return xmlHas(dom, 0, needle);
}

static int attachNic(virDomainPtr dom, const char *mac)
{
    char xml[256];
    snprintf(xml, sizeof(xml), "<interface type='user'><mac address='%s'/><model type='virtio'/></interface>", mac);
    int rc = virDomainAttachDevice(dom, xml);
    if (rc < 0)
        printf("#   attach %s: %s\n", mac, lastError());
    return rc;
}

/* Detach by MAC, or by alias when mac is NULL. */
static int detachNic(virDomainPtr dom, const char *mac, const char *alias)
{
    char xml[256];
    if (mac)
        snprintf(xml, sizeof(xml), "<interface type='user'><mac address='%s'/></interface>", mac);
    else
        snprintf(xml, sizeof(xml), "<interface type='user'><alias name='%s'/></interface>", alias);
    int rc = virDomainDetachDevice(dom, xml);
    if (rc < 0)
        printf("#   detach %s: %s\n", mac ? mac : alias, lastError());
    return rc;
}

static bool configHas(const char *name, const char *needle)
{
    char path[512], rel[256];
    snprintf(rel, sizeof(rel), "config/libvirt/qemu/%s.xml", name);
    envPath(path, sizeof(path), rel);
    FILE *f = fopen(path, "r");
    char buf[8192];
    size_t len = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[len] = '\0';
    return strstr(buf, needle) != NULL;
}

/* A network the connection's network role does not know: its error. */
static void bad_network_missing(void)
{
    char *xml = guestXML("netmod", "0a000000-0000-4000-8000-000000000008",
                         "    <interface type='network'><source network='default'/></interface>\n");
    startFails("netmod", xml, "no network with matching name 'default'");
    free(xml);
}

/* Two devices asking for one PCI slot: start refuses (a configuration
 * error naming both) before any QEMU runs. */
static void bad_pci_clash(void)
{
    char *xml = guestXML("pciclash", "0a000000-0000-4000-8000-000000000009",
                         "    <interface type='user'><mac address='52:54:00:00:30:01'/>"
                         "<address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></interface>\n"
                         "    <interface type='user'><mac address='52:54:00:00:30:02'/>"
                         "<address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></interface>\n");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    virErrorPtr e = virGetLastError();
    CHECK(dom == NULL);
    CHECK(e && e->code == VIR_ERR_CONFIG_UNSUPPORTED);
    CHECK_ERR("PCI slot 0x07 of interface '52:54:00:00:30:02' is already taken by interface '52:54:00:00:30:01'");
    if (dom) {   /* started after all: leave no QEMU behind for the next tests */
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    CHECK(countOurQemus() == 0);
    CHECK(countRunFiles("pciclash") == 0);
    free(xml);
}

/* The whole life of a persistent guest. */
static void guest_lifecycle(void)
{
    char dev[1024];
    snprintf(dev, sizeof(dev),
             "    <disk type='file' device='disk'><source file='%s'/><target dev='vda' bus='virtio'/></disk>\n"
             "    <interface type='user'><model type='virtio'/></interface>\n"
             "    <interface type='user'><mac address='52:54:00:00:10:02'/><model type='virtio'/></interface>\n"
             "    <graphics type='vnc' port='-1'/>\n", diskPath);
    char *xml = guestXML("life", "0a000000-0000-4000-8000-000000000100", dev);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK(virDomainCreate(dom) == 0);
    if (harnessCurrentFailed) {
        printf("#   start failed: %s\n", lastError());
        virDomainUndefine(dom);
        virDomainFree(dom);
        return;
    }
    CHECK(virDomainGetID(dom) > 0);
    /* hold the guest while we attach to its console */
    CHECK(virDomainSuspend(dom) == 0);
    int st = -1, reason;
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_PAUSED);
    char *tty = consoleTty(dom);
    CHECK(tty && strncmp(tty, "/dev/pts/", 9) == 0);
    if (!tty) {
        char *x = virDomainGetXMLDesc(dom, 0);
        printf("# live XML without a console tty:\n# %s\n", x);
        free(x);
    }
    int fd = tty ? ptyOpen(tty) : -1;
    CHECK(fd >= 0);
    msleep(1100);   /* QEMU notices a reader on its pty within a second */
    CHECK(virDomainResume(dom) == 0);
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_RUNNING);
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-READY", 60000) == 0);

    /* live XML: generated MAC, VNC port, machine */
    char *live = virDomainGetXMLDesc(dom, 0);
    CHECK(live && strstr(live, "<mac address='52:54:00:"));
    CHECK(live && strstr(live, "port='59"));
    CHECK(live && strstr(live, "tty='/dev/pts/"));
    free(live);
    char *inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    CHECK(inactive && !strstr(inactive, "tty="));
    free(inactive);

    virDomainInfo info;
    CHECK(virDomainGetInfo(dom, &info) == 0);
    CHECK(info.state == VIR_DOMAIN_RUNNING);
    CHECK(info.cpuTime > 100000000ULL);   /* booting took real CPU */
    CHECK(info.maxMem == 196608 && info.nrVirtCpu == 1);

    virVcpuInfo vcpu[2];
    unsigned char maps[2 * 8];
    memset(maps, 0, sizeof(maps));
    CHECK(virDomainGetVcpus(dom, vcpu, 2, maps, 8) == 1);
    CHECK(vcpu[0].state == VIR_VCPU_RUNNING && vcpu[0].cpuTime > 0);
    unsigned char one[8] = { 1 };
    CHECK(virDomainPinVcpu(dom, 0, one, 8) == 0);
    CHECK(virDomainGetVcpus(dom, vcpu, 2, maps, 8) == 1);
    CHECK(maps[0] == 1);

    virDomainBlockStatsStruct bs;
    CHECK(virDomainBlockStats(dom, "vda", &bs, sizeof(bs)) == 0);
    CHECK(bs.rd_req > 0);   /* the kernel read the partition table */
    CHECK(virDomainBlockStats(dom, "vdz", &bs, sizeof(bs)) < 0);

    /* hotplug a second disk and take it away again */
    char disk[1024];
    snprintf(disk, sizeof(disk), "<disk type='file' device='disk'><source file='%s'/>"
             "<target dev='vdb' bus='virtio'/></disk>", disk2Path);
    CHECK(virDomainAttachDevice(dom, disk) == 0);
    if (harnessCurrentFailed)
        printf("#   attach: %s\n", lastError());
    live = virDomainGetXMLDesc(dom, 0);
    CHECK(live && strstr(live, "dev='vdb'"));
    CHECK(live && strstr(live, "<target dev='vdb' bus='virtio'/>\n      <alias name='vdb'/>"));
    free(live);
    CHECK(virDomainBlockStats(dom, "vdb", &bs, sizeof(bs)) == 0);
    msleep(1500);   /* let the guest finish probing the new disk */
    CHECK(virDomainDetachDevice(dom, disk) == 0);
    if (harnessCurrentFailed)
        printf("#   detach: %s\n", lastError());
    live = virDomainGetXMLDesc(dom, 0);
    CHECK(live && !strstr(live, "dev='vdb'"));
    free(live);

    /* Interfaces: QEMU knows each by its alias, whatever its place in the
     * list after earlier removals. Both boot-time NICs can go, in order,
     * and new ones take free aliases without clashing. */
    CHECK(xmlHas(dom, 0, "<alias name='vda'/>"));
    CHECK(xmlHas(dom, 0, "<model type='virtio'/>\n      <alias name='net0'/>"));
    CHECK(liveNic(dom, "52:54:00:00:10:02", "net1"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "<alias"));
    CHECK(!configHas("life", "<alias"));
    CHECK(configHas("life", "52:54:00:00:10:02"));
    CHECK(detachNic(dom, NULL, "net0") == 0);           /* the first, by alias */
    CHECK(!xmlHas(dom, 0, "<alias name='net0'/>"));
    CHECK(liveNic(dom, "52:54:00:00:10:02", "net1"));   /* now first in the list */
    CHECK(attachNic(dom, "52:54:00:00:10:03") == 0);    /* takes the free net0 */
    CHECK(liveNic(dom, "52:54:00:00:10:03", "net0"));
    CHECK(detachNic(dom, "52:54:00:00:10:02", NULL) == 0);   /* the second, by MAC */
    CHECK(!xmlHas(dom, 0, "52:54:00:00:10:02"));
    CHECK(liveNic(dom, "52:54:00:00:10:03", "net0"));   /* the wrong one was not taken */
    /* a device QEMU refuses leaves its alias (and backend id) free */
    CHECK(virDomainAttachDevice(dom, "<interface type='user'><model type='no-such-nic'/></interface>") < 0);
    CHECK_ERR("no-such-nic");
    CHECK(!xmlHas(dom, 0, "no-such-nic"));
    CHECK(attachNic(dom, "52:54:00:00:10:04") == 0);
    CHECK(liveNic(dom, "52:54:00:00:10:04", "net1"));
    /* a running guest's attach and detach leave the persistent definition be */
    CHECK(xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "52:54:00:00:10:02"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "52:54:00:00:10:03"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "<alias"));
    msleep(1500);   /* let the guest finish probing the new NICs */
    CHECK(detachNic(dom, "52:54:00:00:10:03", NULL) == 0);
    CHECK(detachNic(dom, NULL, "net1") == 0);
    CHECK(!xmlHas(dom, 0, "<interface"));
    CHECK(virDomainDetachDevice(dom, "<interface type='user'><alias name='net1'/></interface>") < 0);
    CHECK_ERR("has no such interface");

    /* save and restore: the guest carries on */
    char save[512];
    envPath(save, sizeof(save), "life.save");
    CHECK(virDomainSave(dom, save) == 0);
    if (harnessCurrentFailed)
        printf("#   save: %s\n", lastError());
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK(countOurQemus() == 0);
    CHECK(virDomainRestore(conn, save) == 0);
    if (harnessCurrentFailed)
        printf("#   restore: %s\n", lastError());
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_RUNNING);
    /* it runs: its CPU time grows (an idle guest may take under one
     * 10 ms clock tick in 300 ms, so give it a few seconds) */
    virDomainInfo i1, i2;
    CHECK(virDomainGetInfo(dom, &i1) == 0);
    for (int t = 0; t < 30 && virDomainGetInfo(dom, &i2) == 0 && i2.cpuTime <= i1.cpuTime; t++)
        msleep(100);
    CHECK(virDomainGetInfo(dom, &i2) == 0);
    CHECK(i2.cpuTime > i1.cpuTime);
    CHECK(xmlHas(dom, 0, "<alias name='vda'/>"));
    /* the restored guest still answers the power button */
    CHECK(virDomainShutdown(dom) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_SHUTOFF, 30000) == 0);
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    CHECK(countOurQemus() == 0);
    CHECK(countRunFiles("life") == 0);
    CHECK(!xmlHas(dom, 0, "<alias"));   /* shut off: aliases are gone */
    CHECK(xmlHas(dom, 0, "52:54:00:00:10:02"));

    /* and once more: start (devices named afresh, in order), destroy */
    CHECK(virDomainCreate(dom) == 0);
    CHECK(countOurQemus() == 1);
    CHECK(xmlHas(dom, 0, "<model type='virtio'/>\n      <alias name='net0'/>"));
    CHECK(liveNic(dom, "52:54:00:00:10:02", "net1"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "<alias"));
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_DESTROYED);
    CHECK(countOurQemus() == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    if (fd >= 0)
        close(fd);
    free(tty);
}

/* The <address type='pci' .../> of the first device of the live XML
 * containing anchor (caller frees); NULL when it has none. */
static char *liveAddress(virDomainPtr dom, const char *anchor)
{
    char *xml = virDomainGetXMLDesc(dom, 0);
    char *at = xml ? strstr(xml, anchor) : NULL;
    char *end = at ? strstr(at, "\n    </") : NULL;
    char *addr = at ? strstr(at, "<address type='pci'") : NULL;
    char *out = addr && addr < end ? strndup(addr, strcspn(addr, "\n")) : NULL;
    free(xml);
    return out;
}

/* Every PCI address of the live XML, one a line, in device order. */
static char *livePCIAddresses(virDomainPtr dom, int *count)
{
    char *xml = virDomainGetXMLDesc(dom, 0), *out = calloc(1, xml ? strlen(xml) + 1 : 1);
    *count = 0;
    for (char *p = xml; p && out && (p = strstr(p, "<address type='pci'")); p++) {
        strncat(out, p, strcspn(p, "\n") + 1);
        (*count)++;
    }
    free(xml);
    return out;
}

/* Type a command on the guest's shell until its output shows needle (the
 * echo of the command must not contain it). */
static int guestRun(int fd, const char *cmd, const char *needle, int ms)
{
    for (int waited = 0; waited < ms; waited += 1000) {
        if (write(fd, cmd, strlen(cmd)) < 0 || write(fd, "\n", 1) < 0)
            return -1;
        if (ptyWaitFor(fd, needle, 1000) == 0)
            return 0;
    }
    printf("#   guest never answered '%s' with '%s'\n", cmd, needle);
    return -1;
}

/* The guest's console, opened once QEMU notices readers. */
static int openConsole(virDomainPtr dom)
{
    char *tty = consoleTty(dom);
    int fd = tty ? ptyOpen(tty) : -1;
    free(tty);
    msleep(1100);   /* QEMU notices a reader on its pty within a second */
    return fd;
}

/* Devices hot-plugged into a running guest survive a save and restore:
 * the new QEMU gets every device in the PCI slot the saved state has it
 * in. Before slots were recorded, its command line put the hot-plugged
 * devices (and those after them) elsewhere, and the restore failed
 * ("Unknown ramblock", "Unknown savevm section"). */
static void hotplug_save_restore(void)
{
    char dev[1024], disk[1024];
    snprintf(dev, sizeof(dev),
             "    <disk type='file' device='disk'><source file='%s'/><target dev='vda' bus='virtio'/></disk>\n"
             "    <interface type='user'><mac address='52:54:00:00:20:01'/><model type='virtio'/>"
             "<address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0'/></interface>\n"
             "    <memballoon model='virtio'/>\n", diskPath);
    char *base = guestXML("hotsave", "0a000000-0000-4000-8000-000000000104", dev);
    char *xml = textReplace(base, "cryptomgr.notests", "cryptomgr.notests tg.shell=1");
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(base);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK(virDomainCreate(dom) == 0);
    int fd = openConsole(dom);
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-READY", 60000) == 0);

    /* the address given is kept, live and inactive; the others are live only */
    char *nic0 = liveAddress(dom, "52:54:00:00:20:01");
    CHECK_STR(nic0, "<address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0'/>");
    char *vda = liveAddress(dom, "<target dev='vda'");
    CHECK_STR(vda, "<address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>");
    CHECK(xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "slot='0x0a'"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "slot='0x03'"));

    /* hotplug a NIC and a disk: each gets the first free slot */
    CHECK(attachNic(dom, "52:54:00:00:20:02") == 0);
    snprintf(disk, sizeof(disk), "<disk type='file' device='disk'><source file='%s'/>"
             "<target dev='vdb' bus='virtio'/></disk>", disk2Path);
    CHECK(virDomainAttachDevice(dom, disk) == 0);
    if (harnessCurrentFailed)
        printf("#   attach: %s\n", lastError());
    char *nic1 = liveAddress(dom, "52:54:00:00:20:02");
    char *vdb = liveAddress(dom, "<target dev='vdb'");
    CHECK_STR(nic1, "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>");
    CHECK_STR(vdb, "<address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>");
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "52:54:00:00:20:02"));
    /* a slot already taken is refused, and nothing is left behind */
    CHECK(virDomainAttachDevice(dom, "<interface type='user'><mac address='52:54:00:00:20:09'/>"
                                "<address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0'/>"
                                "</interface>") < 0);
    CHECK_ERR("PCI slot 0x0a of interface '52:54:00:00:20:09' is already taken by interface '52:54:00:00:20:01'");
    CHECK(!xmlHas(dom, 0, "52:54:00:00:20:09"));
    /* the guest found both (its second NIC is eth1; the disk has 4 MiB) */
    CHECK(fd >= 0 && guestRun(fd, "echo MAC-$(cat /sys/class/net/eth1/address)", "MAC-52:54:00:00:20:02", 20000) == 0);
    CHECK(fd >= 0 && guestRun(fd, "echo BLK-$(cat /sys/block/vdb/size)", "BLK-8192", 20000) == 0);
    int before = 0, after = 0;
    char *addrs = livePCIAddresses(dom, &before);
    CHECK(before == 5);   /* vda, vdb, both NICs, the balloon */
    if (fd >= 0)
        close(fd);

    /* save, restore: the same devices in the same slots, and it runs on */
    char save[512];
    envPath(save, sizeof(save), "hotsave.save");
    CHECK(virDomainSave(dom, save) == 0);
    if (harnessCurrentFailed)
        printf("#   save: %s\n", lastError());
    CHECK(countOurQemus() == 0);
    CHECK(virDomainRestore(conn, save) == 0);
    if (harnessCurrentFailed)
        printf("#   restore: %s\n", lastError());
    int st = -1, reason;
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_RESTORED);
    char *addrs2 = livePCIAddresses(dom, &after);
    CHECK_STR(addrs2, addrs);
    CHECK(liveNic(dom, "52:54:00:00:20:02", "net1"));
    CHECK(xmlHas(dom, 0, "<alias name='vdb'/>"));
    fd = st == VIR_DOMAIN_RUNNING ? openConsole(dom) : -1;
    CHECK(fd >= 0 && guestRun(fd, "echo MAC-$(cat /sys/class/net/eth1/address)", "MAC-52:54:00:00:20:02", 10000) == 0);
    CHECK(fd >= 0 && guestRun(fd, "echo BLK-$(cat /sys/block/vdb/size)", "BLK-8192", 10000) == 0);

    /* QEMU knows the restored devices by their ids; a detach frees the
     * slot, and the next hotplug takes it */
    if (st == VIR_DOMAIN_RUNNING) {
        CHECK(detachNic(dom, "52:54:00:00:20:02", NULL) == 0);
        CHECK(attachNic(dom, "52:54:00:00:20:03") == 0);
        char *nic2 = liveAddress(dom, "52:54:00:00:20:03");
        CHECK_STR(nic2, nic1);
        free(nic2);
    }
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(countOurQemus() == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    if (fd >= 0)
        close(fd);
    free(nic0);
    free(nic1);
    free(vda);
    free(vdb);
    free(addrs);
    free(addrs2);
}

/* Scheduler parameters: a clear NO_SUPPORT without a cgroup of its own. */
static void scheduler_no_cgroup(void)
{
    char *xml = guestXML("sched", "0a000000-0000-4000-8000-000000000101", NULL);
    virDomainPtr dom = virDomainCreateXML(conn, xml, VIR_DOMAIN_START_PAUSED);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    int n = 0;
    char *type = virDomainGetSchedulerType(dom, &n);
    if (!type) {
        virErrorPtr e = virGetLastError();
        CHECK(e && e->code == VIR_ERR_NO_SUPPORT);
        CHECK_ERR("cgroup");
    }
    free(type);
    CHECK(virDomainDestroy(dom) == 0);
    virDomainFree(dom);
    CHECK(countOurQemus() == 0);
}

/* Run this program again as a new process (a restarted daemon). */
static int runChild(const char *mode, const char *name)
{
    pid_t pid = fork();
    if (pid == 0) {
        alarm(60);
        execl("/proc/self/exe", "child", mode, name, (char *) NULL);
        _exit(126);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 125;
}

/* A guest keeps running when every connection closes (the driver goes
 * away); the next driver, in this process and in a new one, finds it in
 * the run folder and reattaches to its QMP socket. */
static void reconnect_after_restart(void)
{
    char *xml = guestXML("survivor", "0a000000-0000-4000-8000-000000000102", NULL);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    int id = virDomainGetID(dom);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    conn = NULL;
    CHECK(countOurQemus() == 1);

    CHECK(runChild("--check-running", "survivor") == 0);

    conn = virConnectOpen("qemu:///session");
    CHECK(conn != NULL);
    dom = conn ? virDomainLookupByName(conn, "survivor") : NULL;
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK((int) virDomainGetID(dom) == id);
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(virDomainSuspend(dom) == 0);   /* the monitor works again */
    CHECK(virDomainResume(dom) == 0);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(countOurQemus() == 0);
    CHECK(countRunFiles("survivor") == 0);
    CHECK(virDomainLookupByName(conn, "survivor") == NULL);   /* it was transient */
    virDomainFree(dom);
}

/* Autostart guests start when a new daemon opens the driver first. */
static void autostart_new_daemon(void)
{
    char *xml = guestXML("auto", "0a000000-0000-4000-8000-000000000103", NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom && virDomainSetAutostart(dom, 1) == 0);
    int a = 0;
    CHECK(dom && virDomainGetAutostart(dom, &a) == 0 && a == 1);
    CHECK(runChild("--check-running", "auto") == 0);
    CHECK(dom && virDomainIsActive(dom) == 0);   /* our driver has not rescanned */
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    conn = virConnectOpen("qemu:///session");
    dom = conn ? virDomainLookupByName(conn, "auto") : NULL;
    CHECK(dom && virDomainIsActive(dom) == 1);
    if (dom) {
        CHECK(virDomainDestroy(dom) == 0);
        CHECK(virDomainSetAutostart(dom, 0) == 0);
        CHECK(virDomainUndefine(dom) == 0);
        virDomainFree(dom);
    }
    CHECK(countOurQemus() == 0);
}

/* Child: exit 0 when NAME is running in a freshly opened driver. */
static int childCheckRunning(const char *name)
{
    virtRegistrySetDaemonMode(true);
    virConnectPtr c = virConnectOpen("qemu:///session");
    if (!c)
        return 2;
    virDomainPtr d = virDomainLookupByName(c, name);
    int rc = d && virDomainIsActive(d) == 1 ? 0 : 3;
    virDomainInfo info;
    if (rc == 0 && (virDomainGetInfo(d, &info) < 0 || info.cpuTime == 0))
        rc = 4;
    if (d)
        virDomainFree(d);
    virConnectClose(c);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check-running") == 0)
        return childCheckRunning(argv[2]);
    envSetup(170);
    if (guestBuild() < 0)
        return 1;
    virtRegistrySetDaemonMode(true);
    envPath(diskPath, sizeof(diskPath), "disk1.img");
    envPath(disk2Path, sizeof(disk2Path), "disk2.img");
    makeDisk(diskPath, 8 << 20);
    makeDisk(disk2Path, 4 << 20);

    TEST_RUN(open_session);
    TEST_RUN(capabilities);
    TEST_RUN(bad_missing_emulator);
    TEST_RUN(bad_missing_kernel);
    TEST_RUN(bad_missing_disk);
    TEST_RUN(bad_busy_vnc_port);
    TEST_RUN(bad_duplicates);
    TEST_RUN(bad_kqemu);
    TEST_RUN(bad_kvm_without_hardware);
    TEST_RUN(bad_crash_at_start);
    TEST_RUN(bad_network_missing);
    TEST_RUN(bad_pci_clash);
    TEST_RUN(guest_lifecycle);
    TEST_RUN(hotplug_save_restore);
    TEST_RUN(scheduler_no_cgroup);
    TEST_RUN(reconnect_after_restart);
    TEST_RUN(autostart_new_daemon);
    if (conn)
        virConnectClose(conn);
    CHECK(countOurQemus() == 0);
    TEST_DONE();
}
