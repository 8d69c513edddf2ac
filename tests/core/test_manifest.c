/* test_manifest.c: a manifest read from memory (virtManifestParse, the
 * fuzz target's way in) is the manifest read from the file
 * (virtManifestLoad), and its refusals say the same. White-box:
 * manifest.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "manifest.h"
#include "util.h"

static char *dir;

static char *writeFile(const char *name, const char *text)
{
    char *path = virtAsprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

/* Both ways give the same manifest, or the same error. */
static void same(const char *name, const char *text, int valid)
{
    char *path = writeFile(name, text);
    char *e1 = NULL, *e2 = NULL;
    virtManifest *a = virtManifestLoad(path, &e1);
    virtManifest *b = virtManifestParse(path, text, strlen(text), &e2);

    printf("# %s\n", name);
    CHECK((a != NULL) == valid);
    CHECK((b != NULL) == valid);
    if (a && b) {
        CHECK_STR(a->path, b->path);
        CHECK_STR(a->module, b->module);
        CHECK_STR(a->library ? a->library : "", b->library ? b->library : "");
        CHECK(a->nschemes == b->nschemes);
        for (size_t i = 0; i < a->nschemes && i < b->nschemes; i++)
            CHECK_STR(a->schemes[i], b->schemes[i]);
        CHECK(a->abi_major == b->abi_major && a->abi_minor == b->abi_minor);
        CHECK(a->roles == b->roles && a->daemon == b->daemon && a->probe == b->probe);
        CHECK(a->disabled == b->disabled);
    }
    if (!valid) {
        CHECK(e1 && e2);
        if (e1 && e2)
            CHECK_STR(e1, e2);
    }
    virtManifestFree(a);
    virtManifestFree(b);
    free(e1);
    free(e2);
    free(path);
}

static void testFromMemory(void)
{
    const char *src = getenv("SOURCE_ROOT");
    char *path = virtAsprintf("%s/modules.d/test.json", src ? src : ".");
    size_t len;
    char *text = virtFileRead(path, 1 << 20, &len);

    CHECK(text != NULL);
    if (text)
        same("test.json", text, 1);
    same("test.json", "{\"module\": \"test\", \"disabled\": true}", 1);
    same("test.json", "{\"module\": \"test\",\n  \"disabled\": tru}", 0);
    same("test.json", "[]", 0);
    same("test.json", "{\"module\": \"test\", \"module\": \"test\", \"disabled\": true}", 0);
    /* the path, not the text, names the module */
    same("other.json", "{\"module\": \"test\", \"disabled\": true}", 0);
    free(text);
    free(path);
}

static void testNotNulTerminated(void)
{
    const char text[] = "{\"module\": \"test\", \"disabled\": true}garbage";
    char *error = NULL;
    virtManifest *m = virtManifestParse("/x/test.json", text, strlen(text) - strlen("garbage"), &error);

    CHECK(m != NULL && m->disabled);
    CHECK(error == NULL);
    virtManifestFree(m);
    free(error);
}

int main(void)
{
    char tmpl[] = "/tmp/test-manifest.XXXXXX";
    dir = mkdtemp(tmpl);
    if (!dir)
        return 99;
    TEST_RUN(testFromMemory);
    TEST_RUN(testNotNulTerminated);
    char *cmd = virtAsprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    TEST_DONE();
}
