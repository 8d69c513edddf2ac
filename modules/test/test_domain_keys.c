/* test_domain_keys.c: keys pressed on the guest's keyboard. Nothing is
 * typed anywhere, but each key must be one libvirt can translate from its
 * codeset to a Linux key code, as libvirt's test driver insists. The sets
 * below are those libvirt 9.0 accepts, measured key by key against its
 * test driver (every code up to 65535; none above is accepted). */
#include <stddef.h>

#include "test_driver.h"

typedef struct keyRange {
    unsigned int first, last;
} keyRange;

static const keyRange linuxKeys[] = {
    { 0, 265 }, { 272, 279 }, { 288, 299 }, { 303, 318 }, { 320, 327 }, { 330, 337 }, { 352, 439 },
    { 448, 451 }, { 464, 484 }, { 497, 506 }, { 512, 524 },
};
static const keyRange xtKeys[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 }, { 0xe001, 0xe00c },
    { 0xe00e, 0xe010 }, { 0xe012, 0xe029 }, { 0xe02b, 0xe036 }, { 0xe038, 0xe05f },
    { 0xe063, 0xe06d }, { 0xe06f, 0xe079 }, { 0xe07b, 0xe07b }, { 0xe07d, 0xe07d },
};
static const keyRange atset2Keys[] = {
    { 0, 1 }, { 3, 7 }, { 9, 15 }, { 17, 22 }, { 26, 30 }, { 33, 39 }, { 41, 47 }, { 49, 55 },
    { 58, 63 }, { 65, 70 }, { 73, 78 }, { 81, 82 }, { 84, 85 }, { 88, 91 }, { 93, 93 }, { 95, 95 },
    { 97, 100 }, { 102, 103 }, { 105, 109 }, { 112, 127 }, { 131, 131 }, { 0xe010, 0xe012 },
    { 0xe014, 0xe015 }, { 0xe018, 0xe018 }, { 0xe01f, 0xe021 }, { 0xe023, 0xe023 },
    { 0xe027, 0xe028 }, { 0xe02b, 0xe02b }, { 0xe02f, 0xe030 }, { 0xe032, 0xe032 },
    { 0xe034, 0xe034 }, { 0xe037, 0xe038 }, { 0xe03a, 0xe03b }, { 0xe03f, 0xe040 },
    { 0xe048, 0xe048 }, { 0xe04a, 0xe04a }, { 0xe04d, 0xe04d }, { 0xe050, 0xe050 },
    { 0xe05a, 0xe05a }, { 0xe05e, 0xe05e }, { 0xe069, 0xe069 }, { 0xe06b, 0xe06c },
    { 0xe06f, 0xe072 }, { 0xe074, 0xe075 }, { 0xe077, 0xe077 }, { 0xe079, 0xe07a },
    { 0xe07d, 0xe07d },
};
static const keyRange atset3Keys[] = {
    { 0, 0 }, { 7, 63 }, { 65, 71 }, { 73, 79 }, { 82, 82 }, { 84, 103 }, { 105, 118 },
    { 121, 122 }, { 124, 131 }, { 133, 135 }, { 139, 142 }, { 145, 145 }, { 147, 152 },
    { 154, 163 },
};
static const keyRange osxKeys[] = {
    { 0, 51 }, { 53, 65 }, { 67, 67 }, { 69, 69 }, { 71, 76 }, { 78, 107 }, { 109, 111 },
    { 113, 126 }, { 255, 255 },
};
static const keyRange xtKbdKeys[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 }, { 257, 268 }, { 270, 272 },
    { 274, 297 }, { 299, 310 }, { 312, 351 }, { 355, 365 }, { 367, 377 }, { 379, 379 },
    { 381, 381 },
};
static const keyRange usbKeys[] = {
    { 0, 0 }, { 4, 48 }, { 50, 119 }, { 121, 125 }, { 133, 133 }, { 135, 140 }, { 144, 148 },
    { 182, 183 }, { 224, 251 },
};
static const keyRange win32Keys[] = {
    { 0, 2 }, { 4, 6 }, { 8, 9 }, { 13, 13 }, { 17, 22 }, { 26, 29 }, { 32, 42 }, { 44, 57 },
    { 65, 93 }, { 95, 135 }, { 144, 145 }, { 160, 161 }, { 163, 163 }, { 165, 180 }, { 186, 192 },
    { 219, 222 }, { 226, 226 }, { 242, 242 }, { 250, 251 },
};
static const keyRange qnumKeys[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 }, { 129, 140 }, { 142, 144 },
    { 146, 169 }, { 171, 182 }, { 184, 223 }, { 227, 237 }, { 239, 249 }, { 251, 251 },
    { 253, 253 },
};

#define KEYSET(name, ranges) { name, ranges, sizeof(ranges) / sizeof(ranges[0]) }

/* By virKeycodeSet; atset1 has the very codes of xt. */
static const struct {
    const char *name;
    const keyRange *ranges;
    size_t n;
} codesets[] = {
    KEYSET("linux", linuxKeys), KEYSET("xt", xtKeys), KEYSET("atset1", xtKeys),
    KEYSET("atset2", atset2Keys), KEYSET("atset3", atset3Keys), KEYSET("os_x", osxKeys),
    KEYSET("xt_kbd", xtKbdKeys), KEYSET("usb", usbKeys), KEYSET("win32", win32Keys),
    KEYSET("qnum", qnumKeys),
};
#define NCODESETS (sizeof(codesets) / sizeof(codesets[0]))

static bool knownKey(unsigned int codeset, unsigned int key)
{
    for (size_t i = 0; i < codesets[codeset].n; i++)
        if (key >= codesets[codeset].ranges[i].first && key <= codesets[codeset].ranges[i].last)
            return true;
    return false;
}

int testDomainSendKey(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
                      unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    (void) holdtime;
    /* what libvirt's entry point refuses before the driver sees it */
    if (nkeycodes <= 0) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "nkeycodes in virDomainSendKey must be greater than zero");
        return -1;
    }
    if (codeset >= NCODESETS) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "Unsupported codeset '%u'", codeset);
        return -1;
    }
    if (nkeycodes > VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "nkeycodes must be <= %d", VIR_DOMAIN_SEND_KEY_MAX_KEYS);
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int ret = testDomainCheckActive(conn, dom) ? 0 : -1;
    pthread_mutex_unlock(&st->lock);
    for (int i = 0; ret == 0 && i < nkeycodes; i++) {
        if (!knownKey(codeset, keycodes[i])) {
            TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "invalid keycode %u of %s codeset", keycodes[i],
                       codesets[codeset].name);
            ret = -1;
        }
    }
    return ret;
}
