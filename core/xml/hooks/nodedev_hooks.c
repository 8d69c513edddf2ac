/* nodedev_hooks.c: what libvirt 9.0 checks after it reads a host device
 * (post= in abi/xml/nodedev/): a parent named by its FC names needs both
 * of them. That a device has a capability is the driver's check: libvirt
 * names the device in its message, or 'new device' when creating one. */
#include <stdlib.h>

#include <libvirt/virterror.h>

#include "nodedev_model.h"
#include "util.h"

int virtNodeDeviceDefCheck(void *obj, virtXMLModelCtx *ctx)
{
    virtNodeDeviceDef *def = obj;
    virtNodeDeviceDefParent *p = def->parent;

    if (p && p->wwnn && !p->wwpn) {
        virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR,
                        "when providing parent wwnn='%s', the wwpn must also be provided", p->wwnn);
        return -1;
    }
    if (p && !p->wwnn && p->wwpn) {
        virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR,
                        "when providing parent wwpn='%s', the wwnn must also be provided", p->wwpn);
        return -1;
    }
    return 0;
}
