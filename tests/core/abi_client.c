/* abi_client.c: a plain libvirt application, compiled by test_clients.py
 * once against our headers and once against Debian's, and always run
 * against our libvirt.so.0. It prints which library served it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

int main(void)
{
    Dl_info info;
    virNodeInfo node;
    unsigned long ver = 0;
    int fails = 0;

    if (dladdr((void *) virConnectOpen, &info) && info.dli_fname)
        printf("library %s\n", info.dli_fname);
    virSetErrorFunc(NULL, quiet);
    if (virGetVersion(&ver, NULL, NULL) < 0)
        fails++;
    printf("version %lu\n", ver);

    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    if (!conn) {
        printf("open failed: %s\n", virGetLastErrorMessage());
        return 1;
    }
    const char *type = virConnectGetType(conn);
    printf("type %s\n", type ? type : "(null)");
    if (!type)
        fails++;
    if (virNodeGetInfo(conn, &node) < 0)
        fails++;
    else
        printf("cpus %u model %s\n", node.cpus, node.model);
    int n = virConnectNumOfDomains(conn);
    printf("domains %d\n", n);
    if (n < 1)
        fails++;
    virDomainPtr dom = virDomainLookupByID(conn, 1);
    if (!dom) {
        fails++;
    } else {
        printf("domain %s\n", virDomainGetName(dom));
        if (virDomainSuspend(dom) == 0 || !virGetLastError() ||
            virGetLastError()->code != VIR_ERR_OPERATION_DENIED)
            fails++;   /* read-only connection */
        virDomainFree(dom);
    }
    if (virConnectClose(conn) != 0)
        fails++;

    if (virConnectOpen("nosuchscheme:///") != NULL || !virGetLastError())
        fails++;
    printf("error %s\n", virGetLastErrorMessage());
    printf("%s\n", fails ? "FAILED" : "PASSED");
    return fails ? 1 : 0;
}
