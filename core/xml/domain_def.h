/* domain_def.h: a domain definition as a driver keeps it. The structure is
 * the generated model of abi/xml/domain (domain_model.h); parsing fills in
 * what libvirt 9.0 fills in after it reads a document (a UUID, current
 * memory, one vcpu, <clock offset='utc'/>, boot from disk, MAC addresses,
 * drive addresses and the controllers they need, the serial port behind a
 * console, graphics listens, the video card behind graphics ...), so the
 * document formatted back is the one libvirt would give. What depends on
 * the driver comes from a virtDomainDriverDefaults. */
#ifndef VIRT_DOMAIN_DEF_H
#define VIRT_DOMAIN_DEF_H

#include <stdbool.h>

#include "domain_model.h"
#include "xml_error.h"
#include "xml_model.h"

typedef struct virtDomainDriverDefaults {
    const char *arch;            /* <os><type arch=..> when absent ("i686") */
    const char *video;           /* model of the video card added for graphics */
    unsigned char mac_prefix[3]; /* of generated MAC addresses */
    const char *ifname_prefix;   /* target dev given to interfaces without one
                                  * ("testnet" -> testnet0, ...); NULL: none */
} virtDomainDriverDefaults;

/* Parse a whole <domain> document and fill in the defaults. flags:
 * VIRT_XML_VALIDATE checks the grammar first; VIRT_DOMAIN_PARSE_STATUS
 * reads a running guest's own live XML (a driver's status file), keeping
 * what start gave it (VNC ports, console ttys), as libvirt's status parse
 * does. NULL with err set (in VIR_FROM_DOMAIN unless the error names its
 * own domain). */
#define VIRT_DOMAIN_PARSE_STATUS 0x100u
virtDomain *virtDomainModelParse(const char *xml, unsigned int flags,
                                 const virtDomainDriverDefaults *drv, virtXMLError *err);

/* domain_validate.c: libvirt's checks of a definition once its defaults
 * are in (run by virtDomainModelParse and virtDomainModelParseDevice).
 * -1 with err set for the first fault. */
int virtDomainModelValidate(const virtDomain *def, virtXMLError *err);
int virtDomainModelValidateDisk(const virtDomainDisk *disk, virtXMLError *err);

/* libvirt's text of the definition. flags: VIRT_XML_INACTIVE, VIRT_XML_SECURE. */
char *virtDomainModelFormat(const virtDomain *def, unsigned int flags);
virtDomain *virtDomainModelCopy(const virtDomain *def);
void virtDomainModelFree(virtDomain *def);

/* Memory in KiB and vcpu counts (current: the number running). */
unsigned long long virtDomainModelMaxMemory(const virtDomain *def);
unsigned long long virtDomainModelCurrentMemory(const virtDomain *def);
void virtDomainModelSetMaxMemory(virtDomain *def, unsigned long long kib);
void virtDomainModelSetCurrentMemory(virtDomain *def, unsigned long long kib);
unsigned int virtDomainModelVcpus(const virtDomain *def);
unsigned int virtDomainModelCurrentVcpus(const virtDomain *def);
void virtDomainModelSetVcpus(virtDomain *def, unsigned int max, unsigned int current);

/* The running id, written only for a live view; -1 clears it. */
void virtDomainModelSetID(virtDomain *def, int id);

/* One device of attach/detach/update: a <disk> or an <interface>. */
typedef struct virtDomainModelDevice {
    virtDomainDisk *disk;
    virtDomainInterface *iface;
} virtDomainModelDevice;

/* Parse a device document: a disk gets its target bus and drive address;
 * an interface gets its MAC and name only when added (a detach matches
 * on what was written). -1 with err set on failure,
 * VIR_ERR_CONFIG_UNSUPPORTED for another kind of device. */
int virtDomainModelParseDevice(const char *xml, unsigned int flags,
                               virtDomainModelDevice *out, virtXMLError *err);
void virtDomainModelDeviceClear(virtDomainModelDevice *dev);

/* Add a device to def (taking it, on success) with the controllers its
 * address needs, or its MAC and name; remove the one at index i. */
void virtDomainModelAddDisk(virtDomain *def, virtDomainDisk *disk);
int virtDomainModelAddInterface(virtDomain *def, virtDomainInterface *iface,
                                const virtDomainDriverDefaults *drv, virtXMLError *err);
void virtDomainModelRemoveDisk(virtDomain *def, size_t i);
void virtDomainModelRemoveInterface(virtDomain *def, size_t i);

/* Accessors of parts that live in per-type variants. */
const char *virtDomainModelDiskTarget(const virtDomainDisk *disk);
const char *virtDomainModelDiskSource(const virtDomainDisk *disk); /* file, dev, dir, name... or NULL */
const char *virtDomainModelIfaceMAC(const virtDomainInterface *iface);
const char *virtDomainModelIfaceTarget(const virtDomainInterface *iface);
size_t virtDomainModelDiskCount(const virtDomain *def);
size_t virtDomainModelIfaceCount(const virtDomain *def);
void virtDomainModelSetIfaceTarget(virtDomainInterface *iface, const char *dev);
/* Where an interface keeps its alias and its address. */
virtDomainDeviceAlias **virtDomainModelIfaceAliasSlot(virtDomainInterface *iface);
virtDomainDeviceAddress **virtDomainModelIfaceAddressSlot(virtDomainInterface *iface);

/* Device aliases (<alias name=.../>, in any device): whether one is
 * taken, and dropping them all (they name a running guest's devices).
 * SetAlias takes name (NULL: no alias). */
bool virtDomainModelAliasInUse(const virtDomain *def, const char *alias);
void virtDomainModelClearAliases(virtDomain *def);
const char *virtDomainModelAliasName(const virtDomainDeviceAlias *a);
void virtDomainModelSetAlias(virtDomainDeviceAlias **slot, char *name);

/* A type='pci' address with every number written; freeing any address. */
virtDomainDeviceAddress *virtDomainModelPCIAddressNew(unsigned int domain, unsigned int bus,
                                                      unsigned int slot, unsigned int function);
void virtDomainModelAddressFree(virtDomainDeviceAddress *a);

#endif /* VIRT_DOMAIN_DEF_H */
