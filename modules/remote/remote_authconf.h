/* remote_authconf.h: credentials from libvirt's auth.conf. */
#ifndef REMOTE_AUTHCONF_H
#define REMOTE_AUTHCONF_H

/* The answer auth.conf holds for a credential of type credtype (only
 * VIR_CRED_USERNAME, _AUTHNAME, _PASSPHRASE and _REALM are kept there)
 * on connections to host, or NULL. Caller frees. */
char *remoteAuthConfLookup(const char *host, int credtype);

#endif /* REMOTE_AUTHCONF_H */
