/* runtime-api.h: public types and prototypes of the runtime parts of the
 * API (typed parameter helpers, the event loop, domain events, streams) as
 * libvirt's ABI defines them, for the core files that implement them.
 *
 * The public headers are generated from abi/libvirt.api and may not carry
 * all of these yet. This header repeats only typedefs and prototypes,
 * which C11 allows to be declared again identically, and never enums, so
 * it keeps compiling once the public headers grow. Enum values the core
 * needs are private VIRT_ macros with libvirt's numbers. */
#ifndef VIRT_RUNTIME_API_H
#define VIRT_RUNTIME_API_H

#include <stddef.h>
#include <libvirt/libvirt.h>

/* libvirt-common.h */
typedef void (*virFreeCallback)(void *opaque);

virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params, int nparams,
                                       const char *name);
int virTypedParamsGetInt(virTypedParameterPtr params, int nparams,
                         const char *name, int *value);
int virTypedParamsGetUInt(virTypedParameterPtr params, int nparams,
                          const char *name, unsigned int *value);
int virTypedParamsGetLLong(virTypedParameterPtr params, int nparams,
                           const char *name, long long *value);
int virTypedParamsGetULLong(virTypedParameterPtr params, int nparams,
                            const char *name, unsigned long long *value);
int virTypedParamsGetDouble(virTypedParameterPtr params, int nparams,
                            const char *name, double *value);
int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                             const char *name, int *value);
int virTypedParamsGetString(virTypedParameterPtr params, int nparams,
                            const char *name, const char **value);
int virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value);
int virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams,
                          int *maxparams, const char *name, unsigned int value);
int virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams,
                           int *maxparams, const char *name, long long value);
int virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, unsigned long long value);
int virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, double value);
int virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                             int *maxparams, const char *name, int value);
int virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, const char *value);
int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                                int *maxparams, const char *name, const char **values);
int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams,
                                int *maxparams, const char *name, int type,
                                const char *value);
void virTypedParamsClear(virTypedParameterPtr params, int nparams);
void virTypedParamsFree(virTypedParameterPtr params, int nparams);

/* libvirt-event.h (virEventHandleType: READABLE 1, WRITABLE 2, ERROR 4, HANGUP 8) */
#define VIRT_EVENT_HANDLE_READABLE 1
#define VIRT_EVENT_HANDLE_WRITABLE 2
#define VIRT_EVENT_HANDLE_ERROR    4
#define VIRT_EVENT_HANDLE_HANGUP   8

typedef void (*virEventHandleCallback)(int watch, int fd, int events, void *opaque);
typedef int (*virEventAddHandleFunc)(int fd, int event, virEventHandleCallback cb,
                                     void *opaque, virFreeCallback ff);
typedef void (*virEventUpdateHandleFunc)(int watch, int event);
typedef int (*virEventRemoveHandleFunc)(int watch);
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);
typedef int (*virEventAddTimeoutFunc)(int timeout, virEventTimeoutCallback cb,
                                      void *opaque, virFreeCallback ff);
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);
typedef int (*virEventRemoveTimeoutFunc)(int timer);

void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);
int virEventRegisterDefaultImpl(void);
int virEventRunDefaultImpl(void);
int virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff);
void virEventUpdateHandle(int watch, int events);
int virEventRemoveHandle(int watch);
int virEventAddTimeout(int frequency, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff);
void virEventUpdateTimeout(int timer, int frequency);
int virEventRemoveTimeout(int timer);

/* libvirt-domain.h: domain events */
#define VIRT_DOMAIN_EVENT_ID_LIFECYCLE 0
#define VIRT_DOMAIN_EVENT_ID_REBOOT 1
#define VIRT_DOMAIN_EVENT_ID_METADATA_CHANGE 23
#define VIRT_DOMAIN_EVENT_ID_LAST 27   /* libvirt 9.0 knows ids 0..26 */

typedef int (*virConnectDomainEventCallback)(virConnectPtr conn, virDomainPtr dom,
                                             int event, int detail, void *opaque);
typedef void (*virConnectDomainEventGenericCallback)(virConnectPtr conn,
                                                     virDomainPtr dom, void *opaque);

int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb);
int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

/* libvirt-host.h and libvirt-stream.h */
typedef struct _virStream virStream;
typedef virStream *virStreamPtr;

#define VIRT_STREAM_NONBLOCK 1
#define VIRT_STREAM_RECV_STOP_AT_HOLE 1
#define VIRT_STREAM_EVENT_READABLE 1
#define VIRT_STREAM_EVENT_WRITABLE 2
#define VIRT_STREAM_EVENT_ERROR    4
#define VIRT_STREAM_EVENT_HANGUP   8

typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data, size_t nbytes, void *opaque);
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st, int *inData, long long *length,
                                       void *opaque);
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st, long long length, void *opaque);
typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data, size_t nbytes,
                                 void *opaque);
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st, long long length, void *opaque);
typedef void (*virStreamEventCallback)(virStreamPtr stream, int events, void *opaque);

virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRef(virStreamPtr st);
int virStreamSend(virStreamPtr st, const char *data, size_t nbytes);
int virStreamRecv(virStreamPtr st, char *data, size_t nbytes);
int virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags);
int virStreamSendHole(virStreamPtr st, long long length, unsigned int flags);
int virStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags);
int virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque);
int virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler, void *opaque);
int virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque);
int virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler, void *opaque);
int virStreamEventAddCallback(virStreamPtr stream, int events, virStreamEventCallback cb,
                              void *opaque, virFreeCallback ff);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamEventRemoveCallback(virStreamPtr stream);
int virStreamFinish(virStreamPtr st);
int virStreamAbort(virStreamPtr st);
int virStreamFree(virStreamPtr st);

#endif /* VIRT_RUNTIME_API_H */
