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

static virtDomainDeviceDef *parseDevice(virDomainPtr dom, const char *xml)
{
    virtXMLError err = { 0 };
    virtDomainDeviceDef *dev = virtDomainDeviceDefParse(xml, 0, &err);
    if (!dev)
        QEMU_ERROR(CONN(dom), err.code ? err.code : VIR_ERR_XML_ERROR, "%s",
                   err.message ? err.message : "invalid device XML");
    virtXMLErrorClear(&err);
    return dev;
}

static int findDisk(const virtDomainDef *def, const char *target)
{
    for (size_t i = 0; i < def->ndisks; i++)
        if (virtStrEq(def->disks[i]->target, target))
            return (int) i;
    return -1;
}

/* By MAC; without one, by alias or tap device name. */
static int findNet(const virtDomainDef *def, const virtDomainNetDef *n)
{
    for (size_t i = 0; i < def->nnets; i++)
        if ((n->mac && def->nets[i]->mac && strcasecmp(def->nets[i]->mac, n->mac) == 0) ||
            (!n->mac && n->alias && virtStrEq(def->nets[i]->alias, n->alias)) ||
            (!n->mac && !n->alias && n->target && virtStrEq(def->nets[i]->target, n->target)))
            return (int) i;
    return -1;
}

static void addDisk(virtDomainDef *def, virtDomainDiskDef *d)
{
    def->disks = virtRealloc(def->disks, (def->ndisks + 1) * sizeof(*def->disks));
    def->disks[def->ndisks++] = d;
}

static void addNet(virtDomainDef *def, virtDomainNetDef *n)
{
    def->nets = virtRealloc(def->nets, (def->nnets + 1) * sizeof(*def->nets));
    def->nets[def->nnets++] = n;
}

/* The PCI slot of a device about to join the running guest: assigned
 * with the guest's own devices in view; "0x5" for device_add, or NULL
 * for a device off the PCI bus. The definition is left as it was. */
static int newDeviceSlot(virDomainPtr dom, qemuDomain *vm, virtDomainDiskDef *d, virtDomainNetDef *n,
                         char **slot)
{
    char *errmsg = NULL;
    int rc;

    if (d)
        addDisk(vm->def, d);
    else
        addNet(vm->def, n);
    rc = qemuAssignPCIAddresses(vm->def, &errmsg);
    if (d)
        vm->def->ndisks--;
    else
        vm->def->nnets--;
    if (rc < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED, "%s", errmsg);
        free(errmsg);
        return -1;
    }
    *slot = qemuPCISlot(d ? d->address : n->address);
    return 0;
}

/* device_add's arguments, with the PCI slot when there is one. */
static json_t *withSlot(json_t *args, const char *slot)
{
    if (slot)
        json_object_set_new(args, "addr", json_string(slot));
    return args;
}

static int hotplugDisk(virDomainPtr dom, qemuDomain *vm, virtDomainDiskDef *d)
{
    char *errmsg = NULL, *drive = NULL, *hmp = NULL, *out = NULL, *driveid, *slot = NULL;
    int ret = -1;

    d->alias = qemuDiskAlias(vm->def, d);
    driveid = qemuDiskDriveId(d);

    if (strcmp(qemuDiskBus(d), "virtio") != 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED,
                   "disk '%s': only virtio disks (vd*) can be added to a running guest", d->target);
        goto cleanup;
    }
    if (!d->source || access(d->source, R_OK) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "disk '%s': source '%s' is not readable",
                   d->target, d->source ? d->source : "");
        goto cleanup;
    }
    if (newDeviceSlot(dom, vm, d, NULL, &slot) < 0)
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
                                              "drive", driveid, "id", d->alias), slot),
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

static int hotplugNet(virDomainPtr dom, qemuDomain *vm, virtDomainNetDef *n)
{
    char *errmsg = NULL, *netdev = NULL, *slot = NULL;
    int ret = -1;

    if (!n->type || strcmp(n->type, "user") != 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED,
                   "only interfaces of type 'user' can be added to a running guest");
        goto cleanup;
    }
    if (!n->mac) {
        char mac[18];
        if (qemuGenerateMAC(mac) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_INTERNAL_ERROR, "cannot generate a MAC address: %s",
                       strerror(errno));
            goto cleanup;
        }
        n->mac = virtStrdup(mac);
    }
    n->alias = qemuNetAlias(vm->def);
    if (newDeviceSlot(dom, vm, NULL, n, &slot) < 0)
        goto cleanup;
    netdev = virtAsprintf("host%s", n->alias);
    if (qemuMonitorCommand(vm->mon, "netdev_add", json_pack("{s:s,s:s}", "type", "user", "id", netdev),
                           NULL, 10000, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        goto cleanup;
    }
    if (qemuMonitorCommand(vm->mon, "device_add",
                           withSlot(json_pack("{s:s,s:s,s:s,s:s}", "driver",
                                              n->model && strcmp(n->model, "virtio") != 0 ? n->model
                                                                                        : "virtio-net-pci",
                                              "netdev", netdev, "id", n->alias, "mac", n->mac), slot),
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

int qemuDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    qemuDriver *drv;
    virtDomainDeviceDef *dev = parseDevice(dom, xml);
    qemuDomain *vm;
    int ret = -1;

    if (!dev)
        return -1;
    if (!(vm = qemuDomainFromHandle(dom, &drv))) {
        virtDomainDeviceDefFree(dev);
        return -1;
    }
    virtDomainDef *def = vm->def;   /* live when running, else persistent */
    /* aliases are the driver's to give, and only to a running guest's devices */
    if (dev->disk) {
        free(dev->disk->alias);
        dev->disk->alias = NULL;
    }
    if (dev->net) {
        free(dev->net->alias);
        dev->net->alias = NULL;
    }
    if (dev->kind == VIRT_DEVICE_DISK) {
        if (findDisk(def, dev->disk->target) >= 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "domain '%s' already has a disk '%s'",
                       def->name, dev->disk->target);
            goto cleanup;
        }
        if (vm->pid && hotplugDisk(dom, vm, dev->disk) < 0)
            goto cleanup;
        addDisk(def, dev->disk);
        dev->disk = NULL;
    } else {
        if (vm->pid && hotplugNet(dom, vm, dev->net) < 0)
            goto cleanup;
        addNet(def, dev->net);
        dev->net = NULL;
    }
    if (vm->pid) {
        qemuStoreSaveStatus(drv, vm);
    } else if (vm->persistent) {
        char *errmsg = NULL;
        if (qemuStoreSaveConfig(drv, def, &errmsg) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
            free(errmsg);
            goto cleanup;
        }
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtDomainDeviceDefFree(dev);
    return ret;
}

int qemuDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    qemuDriver *drv;
    virtDomainDeviceDef *dev = parseDevice(dom, xml);
    qemuDomain *vm;
    char *errmsg = NULL;
    int ret = -1;

    if (!dev)
        return -1;
    if (!(vm = qemuDomainFromHandle(dom, &drv))) {
        virtDomainDeviceDefFree(dev);
        return -1;
    }
    virtDomainDef *def = vm->def;
    int idx = dev->kind == VIRT_DEVICE_DISK ? findDisk(def, dev->disk->target) : findNet(def, dev->net);
    if (idx < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "domain '%s' has no such %s", def->name,
                   dev->kind == VIRT_DEVICE_DISK ? "disk" : "interface");
        goto cleanup;
    }
    if (vm->pid) {
        const char *alias = dev->kind == VIRT_DEVICE_DISK ? def->disks[idx]->alias : def->nets[idx]->alias;
        if (!alias) {
            QEMU_ERROR(CONN(dom), VIR_ERR_INTERNAL_ERROR, "the %s has no alias: its QEMU id is unknown",
                       dev->kind == VIRT_DEVICE_DISK ? "disk" : "interface");
            goto cleanup;
        }
        char *id = virtStrdup(alias);
        if (dev->kind == VIRT_DEVICE_DISK && strcmp(qemuDiskBus(def->disks[idx]), "virtio") != 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_CONFIG_UNSUPPORTED,
                       "disk '%s': only virtio disks can be removed from a running guest",
                       def->disks[idx]->target);
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
        if (dev->kind == VIRT_DEVICE_NET) {
            char *nd = virtAsprintf("host%s", id);
            qemuMonitorCommand(vm->mon, "netdev_del", json_pack("{s:s}", "id", nd), NULL, 5000, &errmsg);
            free(nd);
        }
        free(id);
    }
    if (dev->kind == VIRT_DEVICE_DISK) {
        virtDomainDiskDefFree(def->disks[idx]);
        memmove(&def->disks[idx], &def->disks[idx + 1], (def->ndisks - (size_t) idx - 1) * sizeof(*def->disks));
        def->ndisks--;
    } else {
        virtDomainNetDefFree(def->nets[idx]);
        memmove(&def->nets[idx], &def->nets[idx + 1], (def->nnets - (size_t) idx - 1) * sizeof(*def->nets));
        def->nnets--;
    }
    if (vm->pid) {
        qemuStoreSaveStatus(drv, vm);
    } else if (vm->persistent) {
        free(errmsg);
        errmsg = NULL;
        if (qemuStoreSaveConfig(drv, def, &errmsg) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
            goto cleanup;
        }
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtDomainDeviceDefFree(dev);
    free(errmsg);
    return ret;
}
