/* virsh.c: placeholder shell (list, nodeinfo) until the full virsh lands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt/libvirt.h>

int main(int argc, char **argv)
{
    const char *uri = NULL;
    int i = 1;
    if (argc > 2 && (!strcmp(argv[1], "-c") || !strcmp(argv[1], "--connect"))) {
        uri = argv[2];
        i = 3;
    }
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn)
        return 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "nodeinfo")) {
            virNodeInfo info;
            if (virNodeGetInfo(conn, &info) < 0)
                return 1;
            printf("CPU model:           %s\nCPU(s):              %u\n", info.model, info.cpus);
        } else if (!strcmp(argv[i], "list")) {
            int ids[16];
            int n = virConnectListDomains(conn, ids, 16);
            printf(" Id   Name   State\n----------------------\n");
            for (int j = 0; j < n; j++) {
                virDomainPtr d = virDomainLookupByID(conn, ids[j]);
                if (d) {
                    printf(" %-4d %-6s running\n", ids[j], virDomainGetName(d));
                    virDomainFree(d);
                }
            }
        }
    }
    virConnectClose(conn);
    return 0;
}
