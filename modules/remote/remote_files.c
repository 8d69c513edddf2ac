/* remote_files.c: starting a domain with files, and descriptors a domain
 * keeps under a name (virDomainFDAssociate): the descriptors travel
 * beside the CALL on the unix socket (remoteClientCallFDs). As libvirt's
 * entry points do, a call with files first asks the daemon whether this
 * connection can pass them. */
#include <string.h>

#include "remote_driver.h"
#include "message.h"
#include "remote_handwritten.h"

#define FEATURE_FD_PASSING 8         /* libvirt's VIR_DRV_FEATURE_FD_PASSING */

static int canPassFiles(virConnectPtr conn, unsigned int nfiles)
{
    remote_connect_supports_feature_args args = { .feature = FEATURE_FD_PASSING };
    remote_connect_supports_feature_ret ret;

    if (nfiles == 0)
        return 0;
    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                   virtXDRAny_remote_connect_supports_feature_args, &args,
                   virtXDRAny_remote_connect_supports_feature_ret, &ret) < 0)
        return -1;
    if (!ret.supported) {
        remoteCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                          "fd passing is not supported by this connection");
        return -1;
    }
    /* the daemon's socket may pass them while our end is a pipe to ssh */
    remoteConn *rc = remoteConnOf(conn);
    if (!rc || rc->transport != REMOTE_TRANSPORT_UNIX) {
        remoteCore->error(conn, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                          "Attempt to send FDs over a client which does not support it");
        return -1;
    }
    return 0;
}

static int callWithFiles(virConnectPtr conn, int proc, unsigned int nfiles, const int *files,
                         virtXDRCodec argsCodec, void *args, virtXDRCodec retCodec, void *ret)
{
    remoteConn *rc = remoteConnOf(conn);
    if (!rc) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "connection has no remote state");
        return -1;
    }
    return remoteClientCallFDs(rc->client, conn, VIRT_RPC_REMOTE_PROGRAM, VIRT_RPC_REMOTE_VERSION,
                               proc, files, nfiles, argsCodec, args, retCodec, ret);
}

/* The reply carries the domain again: starting it gave it an id. */
int remoteDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files, unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_create_with_files_args args;
    remote_domain_create_with_files_ret ret;

    if (canPassFiles(conn, nfiles) < 0)
        return -1;
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.flags = flags;
    if (callWithFiles(conn, REMOTE_PROC_DOMAIN_CREATE_WITH_FILES, nfiles, files,
                      virtXDRAny_remote_domain_create_with_files_args, &args,
                      virtXDRAny_remote_domain_create_with_files_ret, &ret) < 0)
        return -1;
    remoteCore->handle_set_id(domain, ret.dom.id);
    virtXDRFree_remote_domain_create_with_files_ret(&ret);
    return 0;
}

virDomainPtr remoteDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc, unsigned int nfiles,
                                            int *files, unsigned int flags)
{
    remote_domain_create_xml_with_files_args args;
    remote_domain_create_xml_with_files_ret ret;

    if (canPassFiles(conn, nfiles) < 0)
        return NULL;
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.xml_desc = (char *) xmlDesc;
    args.flags = flags;
    if (callWithFiles(conn, REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES, nfiles, files,
                      virtXDRAny_remote_domain_create_xml_with_files_args, &args,
                      virtXDRAny_remote_domain_create_xml_with_files_ret, &ret) < 0)
        return NULL;
    virDomainPtr dom = remoteDomainFromWire(conn, &ret.dom);
    virtXDRFree_remote_domain_create_xml_with_files_ret(&ret);
    return dom;
}

int remoteDomainFDAssociate(virDomainPtr domain, const char *name, unsigned int nfds, int *fds,
                            unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_fd_associate_args args;

    if (canPassFiles(conn, nfds) < 0)
        return -1;
    memset(&args, 0, sizeof(args));
    remoteDomainToWire(domain, &args.dom);
    args.name = (char *) name;
    args.flags = flags;
    return callWithFiles(conn, REMOTE_PROC_DOMAIN_FD_ASSOCIATE, nfds, fds,
                         virtXDRAny_remote_domain_fd_associate_args, &args, NULL, NULL);
}
