/* params.h: typed parameters, wire form <-> public form. */
#ifndef VIRT_RPC_PARAMS_H
#define VIRT_RPC_PARAMS_H

#include <stdint.h>
#include <libvirt/libvirt.h>
#include "remote_protocol.h"

/* Copies p[0..n) into a new wire array (strings duplicated); -1 with an
 * error raised on an unknown type (*out then holds what was converted). */
int virtRPCParamsToWire(const virTypedParameter *p, int n, remote_typed_param **out, uint32_t *outlen);
/* A new array of n parameters; string values point into w (not copied). */
virTypedParameter *virtRPCParamsFromWire(const remote_typed_param *w, uint32_t n);
/* Frees an array whose string values are owned by it. */
void virtRPCParamsFree(virTypedParameter *p, int n);

#endif /* VIRT_RPC_PARAMS_H */
