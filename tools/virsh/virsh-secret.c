/* virsh-secret.c: the "Secret" group: secrets are listed, defined,
 * shown and removed; their values pass in base64 as libvirt's virsh
 * prints them. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static virSecretPtr commandSecret(vshControl *ctl, const vshCmd *cmd)
{
    const char *what = vshOptString(cmd, "secret");
    virSecretPtr secret;

    if (!what)
        return NULL;
    if (!(secret = virSecretLookupByUUIDString(ctl->conn, what)))
        vshError(ctl, "failed to get secret '%s'", what);
    return secret;
}

static const char *usageName(int type)
{
    switch (type) {
    case VIR_SECRET_USAGE_TYPE_VOLUME: return "volume";
    case VIR_SECRET_USAGE_TYPE_CEPH: return "ceph";
    case VIR_SECRET_USAGE_TYPE_ISCSI: return "iscsi";
    case VIR_SECRET_USAGE_TYPE_TLS: return "tls";
    case VIR_SECRET_USAGE_TYPE_VTPM: return "vtpm";
    default: return NULL;
    }
}

static int secretCompare(const void *a, const void *b)
{
    char ua[VIR_UUID_STRING_BUFLEN] = "", ub[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(*(virSecretPtr const *)a, ua);
    virSecretGetUUIDString(*(virSecretPtr const *)b, ub);
    return strcmp(ua, ub);
}

static bool cmdSecretList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "UUID", "Usage" };
    unsigned int flags = 0;
    virSecretPtr *secrets = NULL;
    vshTable *table = NULL;
    int n;
    bool ok = false;

    if (vshOptBool(cmd, "ephemeral"))
        flags |= VIR_CONNECT_LIST_SECRETS_EPHEMERAL;
    if (vshOptBool(cmd, "no-ephemeral"))
        flags |= VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL;
    if (vshOptBool(cmd, "private"))
        flags |= VIR_CONNECT_LIST_SECRETS_PRIVATE;
    if (vshOptBool(cmd, "no-private"))
        flags |= VIR_CONNECT_LIST_SECRETS_NO_PRIVATE;
    if ((n = virConnectListAllSecrets(ctl->conn, &secrets, flags)) < 0) {
        /* an older driver: libvirt's virsh counts them the old way */
        virErrorPtr err = virGetLastError();
        if (!err || err->code != VIR_ERR_NO_SUPPORT || flags)
            return false;
        vshResetError();
        if (virConnectNumOfSecrets(ctl->conn) < 0) {
            vshError(ctl, "%s", "Failed to count secrets");
            return false;
        }
        vshError(ctl, "%s", "Failed to list secrets");
        return false;
    }
    if (n > 1)
        qsort(secrets, n, sizeof(*secrets), secretCompare);
    if (!(table = vshTableNew(titles, 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "", usage[1024];
        const char *cells[2] = { uuid, usage };
        const char *kind = usageName(virSecretGetUsageType(secrets[i]));
        virSecretGetUUIDString(secrets[i], uuid);
        if (kind)
            snprintf(usage, sizeof(usage), "%s %s", kind, virSecretGetUsageID(secrets[i]));
        else
            snprintf(usage, sizeof(usage), "%s", "Unused");
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virSecretFree(secrets[i]);
    free(secrets);
    return ok;
}

static bool cmdSecretDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "file");
    char *xml = vshReadFile(ctl, file);
    virSecretPtr secret;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    if (!xml)
        return false;
    secret = virSecretDefineXML(ctl->conn, xml, 0);
    free(xml);
    if (!secret) {
        vshError(ctl, "Failed to set attributes from %s", file);
        return false;
    }
    virSecretGetUUIDString(secret, uuid);
    vshPrintExtra(ctl, "Secret %s created\n", uuid);
    virSecretFree(secret);
    return true;
}

static bool cmdSecretDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virSecretPtr secret = commandSecret(ctl, cmd);
    char *xml;

    if (!secret)
        return false;
    xml = virSecretGetXMLDesc(secret, 0);
    virSecretFree(secret);
    if (!xml)
        return false;
    vshPrint(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool cmdSecretUndefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *uuid = vshOptString(cmd, "secret");
    virSecretPtr secret = commandSecret(ctl, cmd);
    bool ok;

    if (!secret)
        return false;
    if ((ok = virSecretUndefine(secret) == 0))
        vshPrintExtra(ctl, "Secret %s deleted\n", uuid);
    else
        vshError(ctl, "Failed to delete secret %s", uuid);
    virSecretFree(secret);
    return ok;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void printBase64(vshControl *ctl, const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < len; i += 3) {
        unsigned int v = data[i] << 16 | (i + 1 < len ? data[i + 1] << 8 : 0) |
                         (i + 2 < len ? data[i + 2] : 0);
        vshPrint(ctl, "%c%c%c%c", b64[v >> 18 & 63], b64[v >> 12 & 63],
                 i + 1 < len ? b64[v >> 6 & 63] : '=', i + 2 < len ? b64[v & 63] : '=');
    }
}

/* TEXT decoded from base64 into *DATA; -1 when malformed. */
static int decodeBase64(const char *text, unsigned char **data, size_t *len)
{
    size_t n = strlen(text), out = 0;
    unsigned int acc = 0;
    int bits = 0;

    if (!(*data = malloc(n / 4 * 3 + 3)))
        return -1;
    for (const char *p = text; *p && *p != '='; p++) {
        const char *at = strchr(b64, *p);
        if (!at || !*p) {
            free(*data);
            return -1;
        }
        acc = acc << 6 | (unsigned int)(at - b64);
        if ((bits += 6) >= 8) {
            bits -= 8;
            (*data)[out++] = (unsigned char)(acc >> bits);
        }
    }
    *len = out;
    return 0;
}

static bool cmdSecretGetValue(vshControl *ctl, const vshCmd *cmd)
{
    virSecretPtr secret = commandSecret(ctl, cmd);
    unsigned char *value;
    size_t len = 0;

    if (!secret)
        return false;
    value = virSecretGetValue(secret, &len, 0);
    virSecretFree(secret);
    if (!value)
        return false;
    if (vshOptBool(cmd, "plain"))
        fwrite(value, 1, len, stdout);
    else
        printBase64(ctl, value, len);
    vshPrint(ctl, "\n");
    memset(value, 0, len);
    free(value);
    return true;
}

static bool cmdSecretSetValue(vshControl *ctl, const vshCmd *cmd)
{
    const char *base64 = vshOptString(cmd, "base64");
    virSecretPtr secret;
    unsigned char *value = NULL;
    size_t len = 0;
    bool ok = false;

    if (!base64) {
        vshError(ctl, "%s", "Input secret value is missing");
        return false;
    }
    if (decodeBase64(base64, &value, &len) < 0) {
        vshError(ctl, "%s", "Invalid base64 data");
        return false;
    }
    if ((secret = commandSecret(ctl, cmd))) {
        if ((ok = virSecretSetValue(secret, value, len, 0) == 0))
            vshPrintExtra(ctl, "%s\n", "Secret value set");
        virSecretFree(secret);
    }
    memset(value, 0, len);
    free(value);
    return ok;
}

static const vshOptDef optsSecretList[] = {
    { "ephemeral", VSH_OT_BOOL, 0, "list ephemeral secrets", VSH_COMP_NONE },
    { "no-ephemeral", VSH_OT_BOOL, 0, "list non-ephemeral secrets", VSH_COMP_NONE },
    { "private", VSH_OT_BOOL, 0, "list private secrets", VSH_COMP_NONE },
    { "no-private", VSH_OT_BOOL, 0, "list non-private secrets", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSecret[] = {
    { "secret", VSH_OT_STRING, VSH_OFLAG_REQ, "secret UUID", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSecretDefine[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing secret attributes in XML", VSH_COMP_NONE },
    { "validate", VSH_OT_BOOL, 0, "validate the XML against the schema", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSecretGetValue[] = {
    { "secret", VSH_OT_STRING, VSH_OFLAG_REQ, "secret UUID", VSH_COMP_NONE },
    { "plain", VSH_OT_BOOL, 0, "get value without converting to base64", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSecretSetValue[] = {
    { "secret", VSH_OT_STRING, VSH_OFLAG_REQ, "secret UUID", VSH_COMP_NONE },
    { "base64", VSH_OT_STRING, VSH_OFLAG_POS, "base64-encoded secret value", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshSecretCmds[] = {
    { "secret-define", cmdSecretDefine, optsSecretDefine,
      "define or modify a secret from an XML file", "Define or modify a secret.", 0 },
    { "secret-dumpxml", cmdSecretDumpxml, optsSecret, "secret attributes in XML",
      "Output attributes of a secret as an XML dump to stdout.", 0 },
    { "secret-get-value", cmdSecretGetValue, optsSecretGetValue, "Output a secret value",
      "Output a secret value to stdout.", 0 },
    { "secret-list", cmdSecretList, optsSecretList, "list secrets", "Returns a list of secrets", 0 },
    { "secret-set-value", cmdSecretSetValue, optsSecretSetValue, "set a secret value",
      "Set a secret value.", 0 },
    { "secret-undefine", cmdSecretUndefine, optsSecret, "undefine a secret",
      "Undefine a secret.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
