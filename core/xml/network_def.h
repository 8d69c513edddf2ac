/* network_def.h: a virtual network's definition as a driver keeps it. The
 * structure is the generated model of abi/xml/network (network_model.h);
 * parsing makes libvirt 9.0's checks and fills in its defaults (a UUID,
 * forward mode nat, the bridge's stp and delay, the forward dev ...), so
 * the document formatted back is the one libvirt would give. */
#ifndef VIRT_NETWORK_DEF_H
#define VIRT_NETWORK_DEF_H

#include "network_model.h"
#include "xml_error.h"
#include "xml_model.h"

/* Parse a whole <network> document. flags: VIRT_XML_VALIDATE checks the
 * grammar first. NULL with err set (in VIR_FROM_NETWORK unless the error
 * names its own domain). */
virtNetworkDef *virtNetworkDefParse(const char *xml, unsigned int flags, virtXMLError *err);

/* libvirt's text of the definition. flags: VIRT_XML_INACTIVE. */
char *virtNetworkDefFormat(const virtNetworkDef *def, unsigned int flags);
virtNetworkDef *virtNetworkDefCopy(const virtNetworkDef *def);
void virtNetworkDefFree(virtNetworkDef *def);

/* virNetworkUpdate (command, section, parentIndex and xml as there) on a
 * copy of def, read back from its text as libvirt copies it (with
 * VIRT_XML_INACTIVE for the persistent definition: inactive). The copy is
 * written and read once more after the change, so the change must leave a
 * definition a define would take. The changed copy, or NULL with err set
 * (in VIR_FROM_NETWORK unless the error names its own domain). */
virtNetworkDef *virtNetworkDefUpdate(const virtNetworkDef *def, bool inactive, unsigned int command,
                                     unsigned int section, int parentIndex, const char *xml, virtXMLError *err);

/* The bridge device's name, or NULL. */
const char *virtNetworkDefBridgeName(const virtNetworkDef *def);

/* The prefix of an <ip>, as libvirt reckons it: given, from its netmask,
 * or assumed from the address; -1 when there is none. */
int virtNetworkIpPrefix(const virtNetworkIp *ip);

#endif /* VIRT_NETWORK_DEF_H */
