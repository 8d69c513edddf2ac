/*
 * libvirt.h: the one header applications include.
 *
 * It pulls in the per-area headers. Names, values, struct layouts and
 * prototypes follow libvirt's public ABI so existing programs compile and
 * link unchanged.
 */
#ifndef LIBVIRT_H
#define LIBVIRT_H

#define __VIR_LIBVIRT_H_INCLUDES__
#include <libvirt/libvirt-common.h>
#include <libvirt/libvirt-host.h>
#include <libvirt/libvirt-domain.h>
#include <libvirt/libvirt-domain-checkpoint.h>
#include <libvirt/libvirt-domain-snapshot.h>
#include <libvirt/libvirt-event.h>
#include <libvirt/libvirt-interface.h>
#include <libvirt/libvirt-network.h>
#include <libvirt/libvirt-nodedev.h>
#include <libvirt/libvirt-nwfilter.h>
#include <libvirt/libvirt-secret.h>
#include <libvirt/libvirt-storage.h>
#include <libvirt/libvirt-stream.h>
#include <libvirt/virterror.h>
#undef __VIR_LIBVIRT_H_INCLUDES__

#endif /* LIBVIRT_H */
