/* qemu_hotplug.c: adding and removing disks and interfaces. A running
 * guest changes through QMP (live definition only); a shut off one has
 * its persistent definition edited. QEMU knows each device by its alias
 * (see qemu_command.c): a new one gets a free alias, removal names the
 * alias the device has. A new PCI device also gets its slot (the one its
 * XML asks for, else the first free one), recorded in the live XML so a
 * restore or a migration puts it there again; removal frees it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

#define CONN(dom) qemuCore->handle_conn(dom)

static int parseDevice(virDomainPtr dom, const char *xml, virtDomainModelDevice *dev)
{
    virtXMLError err = { 0 };
    int rc = virtDomainModelParseDevice(xml, 0, dev, &err);
    if (rc < 0)
        QEMU_ERROR(CONN(dom), err.code ? err.code : VIR_ERR_XML_ERROR, "%s",
                   err.message ? err.message : "invalid device XML");
    virtXMLErrorClear(&err);
    return rc;
}

static int findDisk(const virtDomain *def, const char *target)
{
    for (size_t i = 0; i < virtDomainModelDiskCount(def); i++)
        if (virtStrEq(virtDomainModelDiskTarget(def->devices->disk[i]), target))
            return (int) i;
    return -1;
}

static const char *ifaceAlias(virtDomainInterface *n)
{
    return virtDomainModelAliasName(*virtDomainModelIfaceAliasSlot(n));
}

/* By MAC; without one, by alias or tap device name. */
static int findNet(const virtDomain *def, virtDomainInterface *n)
{
    const char *mac = virtDomainModelIfaceMAC(n), *alias = ifaceAlias(n);
    const char *target = virtDomainModelIfaceTarget(n);

    for (size_t i = 0; i < virtDomainModelIfaceCount(def); i++) {
        virtDomainInterface *o = def->devices->interface[i];
        const char *omac = virtDomainModelIfaceMAC(o);
        if ((mac && omac && strcasecmp(omac, mac) == 0) ||
            (!mac && alias && virtStrEq(ifaceAlias(o), alias)) ||
            (!mac && !alias && target && virtStrEq(virtDomainModelIfaceTarget(o), target)))
            return (int) i;
    }
    return -1;
}

/* The PCI slot of the device just added (the last disk or interface of
 * the running guest): assigned with the guest's own devices in view;
 * "0x5" for device_add, or NULL for a device off the PCI bus. */
static int newDeviceSlot(virDomainPtr dom, qemuDomain *vm, const virtDomainDeviceAddress *const *addr,
                         char **slot)
{
    char *errmsg = NULL;

    if (qemuAssignPCIAddresses(vm->def, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED, "%s", errmsg);
        free(errmsg);
        return -1;
    }
    *slot = qemuPCISlot(*addr);
    return 0;
}

/* device_add's arguments, with the PCI slot when there is one. */
static json_t *withSlot(json_t *args, const char *slot)
{
    if (slot)
        json_object_set_new(args, "addr", json_string(slot));
    return args;
}

/* d (a virtio disk) is already the last disk of vm->def; the caller
 * removes it on failure. */
static int hotplugDisk(virDomainPtr dom, qemuDomain *vm, virtDomainDisk *d)
{
    char *errmsg = NULL, *drive = NULL, *hmp = NULL, *out = NULL, *driveid = NULL, *slot = NULL;
    const char *target = virtDomainModelDiskTarget(d), *source = virtDomainModelDiskSource(d);
    int ret = -1;

    if (!source || access(source, R_OK) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "disk '%s': source '%s' is not readable",
                   target, source ? source : "");
        goto cleanup;
    }
    /* a new alias: the disk itself must not count as taking it */
    virtDomainModelSetAlias(&d->alias, NULL);
    virtDomainModelSetAlias(&d->alias, qemuDiskAlias(vm->def, d));
    driveid = qemuDiskDriveId(d);
    if (newDeviceSlot(dom, vm, (const virtDomainDeviceAddress *const *) &d->address, &slot) < 0)
        goto cleanup;
    drive = qemuDiskDriveArg(d);
    hmp = virtAsprintf("drive_add dummy %s", drive);
    if (!(out = qemuMonitorHMP(vm->mon, hmp, &errmsg)) || (out[0] && !strstr(out, "OK"))) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "cannot add drive '%s': %s", driveid,
                   errmsg ? errmsg : out);
        goto cleanup;
    }
    if (qemuMonitorCommand(vm->mon, "device_add",
                           withSlot(json_pack("{s:s,s:s,s:s}", "driver", "virtio-blk-pci",
                                              "drive", driveid, "id", d->alias->name), slot),
                           NULL, 10000, &errmsg) < 0) {
        free(out);
        out = virtAsprintf("drive_del %s", driveid);
        char *e2 = NULL;
        free(qemuMonitorHMP(vm->mon, out, &e2));
        free(e2);
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    free(errmsg);
    free(drive);
    free(hmp);
    free(out);
    free(driveid);
    free(slot);
    return ret;
}

/* n is already the last interface of vm->def (with its MAC); the caller
 * removes it on failure. */
static int hotplugNet(virDomainPtr dom, qemuDomain *vm, virtDomainInterface *n)
{
    char *errmsg = NULL, *netdev = NULL, *slot = NULL;
    virtDomainDeviceAlias **alias = virtDomainModelIfaceAliasSlot(n);
    int ret = -1;

    if (!n->type || strcmp(n->type, "user") != 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED,
                   "only interfaces of type 'user' can be added to a running guest");
        goto cleanup;
    }
    virtDomainModelSetAlias(alias, qemuNetAlias(vm->def));
    if (newDeviceSlot(dom, vm, (const virtDomainDeviceAddress *const *) virtDomainModelIfaceAddressSlot(n),
                      &slot) < 0)
        goto cleanup;
    netdev = virtAsprintf("host%s", (*alias)->name);
    if (qemuMonitorCommand(vm->mon, "netdev_add", json_pack("{s:s,s:s}", "type", "user", "id", netdev),
                           NULL, 10000, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        goto cleanup;
    }
    const char *model = n->other.model ? n->other.model->type : NULL;
    if (qemuMonitorCommand(vm->mon, "device_add",
                           withSlot(json_pack("{s:s,s:s,s:s,s:s}", "driver",
                                              model && strcmp(model, "virtio") != 0 ? model
                                                                                    : "virtio-net-pci",
                                              "netdev", netdev, "id", (*alias)->name,
                                              "mac", virtDomainModelIfaceMAC(n)), slot),
                           NULL, 10000, &errmsg) < 0) {
        char *e2 = NULL;
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        /* the alias stays free: so must its backend's id */
        qemuMonitorCommand(vm->mon, "netdev_del", json_pack("{s:s}", "id", netdev), NULL, 5000, &e2);
        free(e2);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    free(errmsg);
    free(netdev);
    free(slot);
    return ret;
}

static int saveChange(virDomainPtr dom, qemuDriver *drv, qemuDomain *vm)
{
    char *errmsg = NULL;

    if (vm->pid)
        return qemuStoreSaveStatus(drv, vm), 0;
    if (!vm->persistent || qemuStoreSaveConfig(drv, vm->def, &errmsg) == 0)
        return 0;
    QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
    free(errmsg);
    return -1;
}

int qemuDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    qemuDriver *drv;
    virtDomainModelDevice dev;
    qemuDomain *vm;
    virtXMLError err = { 0 };
    int ret = -1;

    if (parseDevice(dom, xml, &dev) < 0)
        return -1;
    if (!(vm = qemuDomainFromHandle(dom, &drv))) {
        virtDomainModelDeviceClear(&dev);
        return -1;
    }
    virtDomain *def = vm->def;   /* live when running, else persistent */
    /* aliases are the driver's to give, and only to a running guest's devices */
    if (dev.disk)
        virtDomainModelSetAlias(&dev.disk->alias, NULL);
    if (dev.iface)
        virtDomainModelSetAlias(virtDomainModelIfaceAliasSlot(dev.iface), NULL);
    if (dev.disk) {
        if (findDisk(def, virtDomainModelDiskTarget(dev.disk)) >= 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "domain '%s' already has a disk '%s'",
                       def->name, virtDomainModelDiskTarget(dev.disk));
            goto cleanup;
        }
        /* refused before it joins the definition (with the controllers its bus needs) */
        if (vm->pid && strcmp(qemuDiskBus(dev.disk), "virtio") != 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED,
                       "disk '%s': only virtio disks (vd*) can be added to a running guest",
                       virtDomainModelDiskTarget(dev.disk));
            goto cleanup;
        }
        virtDomainModelAddDisk(def, dev.disk);
        virtDomainDisk *d = dev.disk;
        dev.disk = NULL;
        if (vm->pid && hotplugDisk(dom, vm, d) < 0) {
            virtDomainModelRemoveDisk(def, def->devices->ndisk - 1);
            goto cleanup;
        }
    } else {
        virtDomainInterface *n = dev.iface;
        if (virtDomainModelAddInterface(def, n, qemuDomainDefaults(), &err) < 0) {
            QEMU_ERROR(CONN(dom), err.code ? err.code : VIR_ERR_INTERNAL_ERROR, "%s",
                       err.message ? err.message : "cannot add the interface");
            goto cleanup;
        }
        dev.iface = NULL;
        if (vm->pid && hotplugNet(dom, vm, n) < 0) {
            virtDomainModelRemoveInterface(def, def->devices->ninterface - 1);
            goto cleanup;
        }
    }
    ret = saveChange(dom, drv, vm);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtDomainModelDeviceClear(&dev);
    virtXMLErrorClear(&err);
    return ret;
}

int qemuDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    qemuDriver *drv;
    virtDomainModelDevice dev;
    qemuDomain *vm;
    char *errmsg = NULL;
    int ret = -1;

    if (parseDevice(dom, xml, &dev) < 0)
        return -1;
    if (!(vm = qemuDomainFromHandle(dom, &drv))) {
        virtDomainModelDeviceClear(&dev);
        return -1;
    }
    virtDomain *def = vm->def;
    bool isDisk = dev.disk != NULL;
    int idx = isDisk ? findDisk(def, virtDomainModelDiskTarget(dev.disk)) : findNet(def, dev.iface);
    if (idx < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "domain '%s' has no such %s", def->name,
                   isDisk ? "disk" : "interface");
        goto cleanup;
    }
    if (vm->pid) {
        virtDomainDisk *disk = isDisk ? def->devices->disk[idx] : NULL;
        const char *alias = isDisk ? virtDomainModelAliasName(disk->alias)
                                   : ifaceAlias(def->devices->interface[idx]);
        if (!alias) {
            QEMU_ERROR(CONN(dom), VIR_ERR_INTERNAL_ERROR, "the %s has no alias: its QEMU id is unknown",
                       isDisk ? "disk" : "interface");
            goto cleanup;
        }
        char *id = virtStrdup(alias);
        if (isDisk && strcmp(qemuDiskBus(disk), "virtio") != 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED,
                       "disk '%s': only virtio disks can be removed from a running guest",
                       virtDomainModelDiskTarget(disk));
            free(id);
            goto cleanup;
        }
        if (qemuMonitorCommand(vm->mon, "device_del", json_pack("{s:s}", "id", id), NULL, 10000,
                               &errmsg) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
            free(id);
            goto cleanup;
        }
        /* the guest must let go (ACPI hot-unplug) */
        if (qemuMonitorWaitDeviceDeleted(vm->mon, id, 10000) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_TIMEOUT,
                       "the guest did not release device '%s' within 10 s", id);
            free(id);
            goto cleanup;
        }
        if (!isDisk) {
            char *nd = virtAsprintf("host%s", id);
            qemuMonitorCommand(vm->mon, "netdev_del", json_pack("{s:s}", "id", nd), NULL, 5000, &errmsg);
            free(nd);
        }
        free(id);
    }
    if (isDisk)
        virtDomainModelRemoveDisk(def, (size_t) idx);
    else
        virtDomainModelRemoveInterface(def, (size_t) idx);
    ret = saveChange(dom, drv, vm);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtDomainModelDeviceClear(&dev);
    free(errmsg);
    return ret;
}
