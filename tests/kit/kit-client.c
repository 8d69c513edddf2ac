/* kit-client.c: a small application built by the kit tests against the
 * INSTALLED headers and libvirt.pc (not the build tree), run against the
 * installed libvirt.so.0.
 *
 *   kit-client open URI       open read-only, print the driver type
 *   kit-client maps URI       open, print how many shared objects are mapped
 *   kit-client demo           exercise the example module on demo:///
 *
 * Exit 0 on success; on failure print the libvirt error and exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int fail(const char *what)
{
    virErrorPtr err = virGetLastError();
    fprintf(stderr, "%s: %s\n", what, err && err->message ? err->message : "(no error)");
    return 1;
}

/* Distinct files ending in .so or .so.N mapped into this process. */
static int countSharedObjects(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096], seen[256][512];
    int n = 0;
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f)) {
        char *path = strchr(line, '/');
        if (!path)
            continue;
        path[strcspn(path, "\n")] = '\0';
        if (!strstr(path, ".so"))
            continue;
        int known = 0;
        for (int i = 0; i < n && !known; i++)
            known = strcmp(seen[i], path) == 0;
        if (!known && n < 256)
            snprintf(seen[n++], sizeof(seen[0]), "%s", path);
    }
    fclose(f);
    return n;
}

static int demo(void)
{
    virConnectPtr conn = virConnectOpenReadOnly("demo:///");
    virDomainPtr dom = NULL, byId = NULL;
    virNodeInfo node;
    char *xml = NULL;
    int ids[4], ret = 1;

    if (!conn)
        return fail("open demo:///");
    const char *type = virConnectGetType(conn);
    if (!type || strcmp(type, "DEMO") != 0) {
        fprintf(stderr, "type %s, expected DEMO\n", type ? type : "(null)");
        goto cleanup;
    }
    if (virNodeGetInfo(conn, &node) < 0 || node.cpus != 2) {
        fail("nodeinfo");
        goto cleanup;
    }
    if (virConnectNumOfDomains(conn) != 1 || virConnectListDomains(conn, ids, 4) != 1 || ids[0] != 1) {
        fail("list");
        goto cleanup;
    }
    if (!(dom = virDomainLookupByName(conn, "demo")) || !(byId = virDomainLookupByID(conn, 1))) {
        fail("lookup");
        goto cleanup;
    }
    if (!(xml = virDomainGetXMLDesc(dom, 0)) || !strstr(xml, "<name>demo</name>")) {
        fail("xml");
        goto cleanup;
    }
    /* Unknown names are errors; slots the module leaves empty are "not supported". */
    if (virDomainLookupByName(conn, "nobody") || virGetLastError()->code != VIR_ERR_NO_DOMAIN) {
        fprintf(stderr, "lookup of an unknown domain did not fail with VIR_ERR_NO_DOMAIN\n");
        goto cleanup;
    }
    if (virDomainGetOSType(dom) || virGetLastError()->code != VIR_ERR_NO_SUPPORT) {
        fprintf(stderr, "an empty slot did not answer VIR_ERR_NO_SUPPORT\n");
        goto cleanup;
    }
    printf("demo:/// type %s, %u cpus, domain %s id %d\n", type, node.cpus, virDomainGetName(dom), virDomainGetID(byId));
    ret = 0;
 cleanup:
    free(xml);
    if (dom)
        virDomainFree(dom);
    if (byId)
        virDomainFree(byId);
    virConnectClose(conn);
    return ret;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "demo") == 0)
        return demo();
    if (argc != 3 || (strcmp(argv[1], "open") != 0 && strcmp(argv[1], "maps") != 0)) {
        fprintf(stderr, "usage: kit-client open|maps URI | kit-client demo\n");
        return 2;
    }
    virConnectPtr conn = virConnectOpenReadOnly(argv[2]);
    if (!conn)
        return fail(argv[2]);
    const char *type = virConnectGetType(conn);
    if (strcmp(argv[1], "maps") == 0)
        printf("%d\n", countSharedObjects());
    else
        printf("%s\n", type ? type : "(null)");
    virConnectClose(conn);
    return 0;
}
