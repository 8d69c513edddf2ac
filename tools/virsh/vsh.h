/* vsh.h: types shared by the virsh shell: the session state, the command
 * table format (which drives parsing, help and completion alike) and the
 * helpers every command file uses. */
#ifndef VSH_H
#define VSH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* The state of one virsh session. */
typedef struct {
    virConnectPtr conn;
    char *uri;          /* URI asked for; NULL lets the library choose */
    bool readonly;
    bool quiet;         /* -q: no banner, no extra blank lines */
    bool timing;        /* -t: print how long each command took */
    bool imode;         /* reading commands from a terminal or stdin */
    bool quit;          /* set by quit/exit */
    int debug;          /* -d LEVEL: 0 (most) .. 4 (none) */
    FILE *log;          /* -l FILE */
    int kaInterval;     /* -k: keepalive interval in seconds, 0: off */
    int kaCount;        /* -K: unanswered keepalives before giving up */
    bool kaForced;      /* -k or -K given: failing to start it is an error */
} vshControl;

typedef enum {
    VSH_OT_BOOL,        /* --flag */
    VSH_OT_STRING,      /* --name VALUE */
    VSH_OT_INT,         /* --name NUMBER */
    VSH_OT_ARGV,        /* may repeat; collects every value */
} vshOptType;

/* VSH_OFLAG_REQ: the option must be given. Required options, and optional
 * ones marked VSH_OFLAG_POS, may also be given without their --name: bare
 * words fill them in table order. */
#define VSH_OFLAG_REQ 1
#define VSH_OFLAG_POS 2
/* help shows a list option as bare words only, without its --name */
#define VSH_OFLAG_BARE 4

/* What tab completion offers for an option's value. */
typedef enum {
    VSH_COMP_NONE,
    VSH_COMP_DOMAIN,
    VSH_COMP_NETWORK,
    VSH_COMP_POOL,
    VSH_COMP_COMMAND,
} vshCompleteKind;

typedef struct {
    const char *name;
    vshOptType type;
    unsigned int flags;
    const char *help;
    vshCompleteKind complete;
} vshOptDef;

#define VSH_MAX_OPTS 32

typedef struct vshCmd vshCmd;
typedef bool (*vshCmdHandler)(vshControl *ctl, const vshCmd *cmd);

/* The command needs no open connection (help, quit, connect ...). */
#define VSH_CMD_NOCONNECT 1
/* Left out of help listings and command completion (complete). */
#define VSH_CMD_HIDDEN 2

typedef struct {
    const char *name;
    vshCmdHandler handler;
    const vshOptDef *opts;      /* ends with a NULL name */
    const char *help;           /* one line */
    const char *desc;           /* paragraph for 'help NAME' */
    unsigned int flags;
} vshCmdDef;

/* A help group; its commands may come from several files' tables. */
typedef struct {
    const char *title;
    const char *keyword;
    const vshCmdDef *parts[3];  /* tables, each ending with a NULL name */
} vshCmdGroup;

typedef struct {
    bool present;
    char **values;              /* one for STRING/INT, several for ARGV */
    size_t nvalues;
} vshOptValue;

/* One parsed command: its definition and the value of each option,
 * indexed like def->opts. */
struct vshCmd {
    const vshCmdDef *def;
    vshOptValue opts[VSH_MAX_OPTS];
};

/* A line split into commands, each a list of words. */
typedef struct {
    char **words;
    size_t nwords;
} vshWords;

typedef struct {
    vshWords *cmds;
    size_t ncmds;
} vshLine;

/* vsh-commands.c */
extern const vshCmdGroup vshGroups[];
extern const vshCmdDef vshDomainCmds[];
extern const vshCmdDef vshDomainQueryCmds[];
extern const vshCmdDef vshMonitorCmds[];
extern const vshCmdDef vshNetworkCmds[];
extern const vshCmdDef vshHostCmds[];
extern const vshCmdDef vshShellCmds[];
extern const vshCmdDef vshPoolCmds[];
extern const vshCmdDef vshVolumeCmds[];
extern const vshCmdDef vshInterfaceCmds[];
extern const vshCmdDef vshSnapshotCmds[];
extern const vshCmdDef vshNodedevCmds[];
extern const vshCmdDef vshSecretCmds[];
extern const vshCmdDef vshNwfilterCmds[];
extern const vshCmdDef vshCheckpointCmds[];
const vshCmdDef *vshFindCommand(const char *name);
const vshCmdGroup *vshFindGroup(const char *keyword);
bool vshRunLine(vshControl *ctl, const vshLine *line);
bool vshRunWords(vshControl *ctl, char **words, size_t nwords);

/* vsh-parse.c */
int vshSplitLine(const char *text, vshLine *out, bool *incomplete);
void vshLineClear(vshLine *line);
vshCmd *vshBindCommand(const vshCmdDef *def, char **words, size_t nwords);
void vshCmdFree(vshCmd *cmd);
int vshOptIndex(const vshCmdDef *def, const char *name);

/* vsh-opts.c: typed access to a parsed command's options */
bool vshOptBool(const vshCmd *cmd, const char *name);
const char *vshOptString(const vshCmd *cmd, const char *name);
int vshOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value);
int vshOptULong(vshControl *ctl, const vshCmd *cmd, const char *name,
                unsigned long *value);
int vshOptScaled(vshControl *ctl, const vshCmd *cmd, const char *name,
                 unsigned long long *kib);
bool vshParseBytes(vshControl *ctl, const char *text, unsigned long long *bytes);
const vshOptValue *vshOptArgv(const vshCmd *cmd, const char *name);
char *vshReadFile(vshControl *ctl, const char *path);

/* vsh-output.c */
void vshPrint(vshControl *ctl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vshPrintExtra(vshControl *ctl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vshError(vshControl *ctl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vshDebug(vshControl *ctl, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void vshReportError(vshControl *ctl);
void vshResetError(void);
void vshInstallErrorHandler(void);
void vshTypedParamFormat(const virTypedParameter *p, char *buf, size_t len);
void vshFormatSize(unsigned long long bytes, int decimals, char *buf, size_t len);

/* vsh-table.c: column tables, sized to their cells; -q hides the titles */
typedef struct vshTable vshTable;
vshTable *vshTableNew(const char *const *titles, size_t ncols);
int vshTableRowAdd(vshTable *t, const char *const *cells);
void vshTablePrint(vshControl *ctl, const vshTable *t);
void vshTableFree(vshTable *t);

/* vsh-xml.c: reading the XML documents commands get from the library */
typedef struct vshXml vshXml;
vshXml *vshXmlParse(vshControl *ctl, const char *text);
void vshXmlFree(vshXml *x);
int vshXmlCount(vshXml *x, const char *expr);
/* The string value of EXPR evaluated at the Nth node of BASE (or at the
 * root when BASE is NULL); NULL when empty. The caller frees it. */
char *vshXmlString(vshXml *x, const char *base, int nth, const char *expr);
bool vshPrintXml(vshControl *ctl, const vshCmd *cmd, const char *text);

/* vsh-lookup.c: find objects by name, id or UUID as virsh allows */
#define VSH_BYID   1
#define VSH_BYUUID 2
#define VSH_BYNAME 4
#define VSH_BYANY  (VSH_BYID | VSH_BYUUID | VSH_BYNAME)
virDomainPtr vshLookupDomain(vshControl *ctl, const char *what,
                             unsigned int how);
virDomainPtr vshCommandDomain(vshControl *ctl, const vshCmd *cmd,
                              const char **name, unsigned int how);
virNetworkPtr vshCommandNetwork(vshControl *ctl, const vshCmd *cmd,
                                const char **name, unsigned int how);
virStoragePoolPtr vshCommandPool(vshControl *ctl, const vshCmd *cmd, const char *option,
                                 const char **name, unsigned int how);
virStorageVolPtr vshCommandVol(vshControl *ctl, const vshCmd *cmd, const char **name);
bool vshIsUUID(const char *s);
const char *vshDomainStateName(int state);

/* virsh-domain-query.c: MAP of NCPUS as ranges, "0-3,6" */
void vshFormatCpuMap(const unsigned char *map, int ncpus, char *buf, size_t len);

/* virsh-domain-monitor.c: --live, --config, --current as VIR_DOMAIN_AFFECT_* */
bool vshAffectFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags);

/* virsh.c: connection management, shared with the connect command */
bool vshConnect(vshControl *ctl, const char *uri, bool readonly);
void vshDisconnect(vshControl *ctl);

/* vsh-help.c */
bool vshCmdHelp(vshControl *ctl, const vshCmd *cmd);
void vshPrintGroups(vshControl *ctl, bool grouped);

/* vsh-complete.c */
void vshCompleteInit(vshControl *ctl);
bool vshCmdComplete(vshControl *ctl, const vshCmd *cmd);

#endif
