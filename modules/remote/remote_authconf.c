/* remote_authconf.c: libvirt's auth.conf, a key file of groups:
 *   [auth-libvirt-HOST] (or [auth-libvirt-default]) names, with
 *   credentials=NAME, the group [credentials-NAME] that holds
 *   username=, authname=, password= and realm= (SASL's user, authname,
 *   pass and realm).
 * The file is LIBVIRT_AUTH_FILE, else $XDG_CONFIG_HOME/libvirt/auth.conf
 * (~/.config by default), else /etc/libvirt/auth.conf: the first that
 * exists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvirt/libvirt.h"
#include "remote_authconf.h"
#include "util.h"

static char *configPath(void)
{
    const char *env = getenv("LIBVIRT_AUTH_FILE");
    if (env && *env)
        return virtStrdup(env);
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *user = xdg && *xdg ? virtAsprintf("%s/libvirt/auth.conf", xdg)
               : home ? virtAsprintf("%s/.config/libvirt/auth.conf", home) : NULL;
    if (user && access(user, F_OK) == 0)
        return user;
    free(user);
    if (access("/etc/libvirt/auth.conf", F_OK) == 0)
        return virtStrdup("/etc/libvirt/auth.conf");
    return NULL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* The value of key in [group] of the file at path, or NULL. */
static char *lookup(const char *path, const char *group, const char *key)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    char *found = NULL;
    bool inGroup = false;
    if (!f)
        return NULL;
    while (!found && fgets(line, sizeof(line), f)) {
        char *l = trim(line);
        if (!*l || *l == '#' || *l == ';')
            continue;
        if (*l == '[') {
            char *end = strchr(l, ']');
            if (end)
                *end = '\0';
            inGroup = strcmp(l + 1, group) == 0;
            continue;
        }
        char *eq = strchr(l, '=');
        if (!inGroup || !eq)
            continue;
        *eq = '\0';
        if (strcmp(trim(l), key) == 0)
            found = virtStrdup(trim(eq + 1));
    }
    fclose(f);
    return found;
}

char *remoteAuthConfLookup(const char *host, int credtype)
{
    const char *key = credtype == VIR_CRED_USERNAME ? "username"
                    : credtype == VIR_CRED_AUTHNAME ? "authname"
                    : credtype == VIR_CRED_PASSPHRASE ? "password"
                    : credtype == VIR_CRED_REALM ? "realm" : NULL;
    char *path = key ? configPath() : NULL;
    char *value = NULL;
    if (!path)
        return NULL;
    char *group = virtAsprintf("auth-libvirt-%s", host && *host ? host : "localhost");
    char *name = lookup(path, group, "credentials");
    if (!name)
        name = lookup(path, "auth-libvirt-default", "credentials");
    if (name) {
        char *creds = virtAsprintf("credentials-%s", name);
        value = lookup(path, creds, key);
        free(creds);
    }
    free(name);
    free(group);
    free(path);
    return value;
}
