/* fixgone.c: a library the fixture module fixdepgone links against; the
 * tests never put its folder on the library path, so loading that module
 * fails the way a module with a missing dependency does. */
int fixgoneAnswer(void);
int fixgoneAnswer(void)
{
    return 42;
}
