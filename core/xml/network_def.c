/* network_def.c: <network> documents into the generated model and back. */
#include <errno.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "network_def.h"
#include "util.h"
#include "xml_schema.h"

virtNetworkDef *virtNetworkDefParse(const char *xml, unsigned int flags, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "network", err);
    virtNetworkDef *def = NULL;

    if (!doc)
        return NULL;
    if (virtXMLCheckRoot(doc, "network", false, err) == 0 &&
        (def = virtXMLModelParseDoc(doc, &virtXMLKind_network, flags, err)) &&
        !def->uuid_set) {
        if (virtUUIDGenerate(def->uuid) < 0) {
            virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
            virtNetworkDefFree(def);
            def = NULL;
        } else {
            def->uuid_set = true;
        }
    }
    virtXMLErrorSetDomain(err, VIR_FROM_NETWORK);
    xmlFreeDoc(doc);
    return def;
}

char *virtNetworkDefFormat(const virtNetworkDef *def, unsigned int flags)
{
    const virtNetworkForward *fwd = def ? def->forward : NULL;

    /* Only an update gives a <pf> interfaces too (a parse keeps the
     * interfaces alone); libvirt leaves them out of the persistent text. */
    if ((flags & VIRT_XML_INACTIVE) && fwd && fwd->npf && fwd->ninterface) {
        virtNetworkDef *copy = virtNetworkDefCopy(def);
        const virtXMLElem *e = virtXMLModelChildElem(&virtXMLElem_network_forward, "interface");
        for (size_t i = 0; i < copy->forward->ninterface; i++)
            virtXMLModelFree(e, copy->forward->interface[i]);
        copy->forward->ninterface = 0;
        char *xml = virtXMLModelFormat(&virtXMLKind_network, copy, flags);
        virtNetworkDefFree(copy);
        return xml;
    }
    return virtXMLModelFormat(&virtXMLKind_network, def, flags);
}

virtNetworkDef *virtNetworkDefCopy(const virtNetworkDef *def)
{
    return def ? virtXMLModelCopy(virtXMLKind_network.root, def) : NULL;
}

void virtNetworkDefFree(virtNetworkDef *def)
{
    if (def)
        virtXMLModelFree(virtXMLKind_network.root, def);
}

const char *virtNetworkDefBridgeName(const virtNetworkDef *def)
{
    return def && def->bridge ? def->bridge->name : NULL;
}
