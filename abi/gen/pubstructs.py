"""The public structs a call fills (virDomainControlInfoPtr info, ...),
read from the public headers: pointer type -> (struct type, [fields]).

Only structs of plain scalar fields are listed, so a generator may copy
them one by one from the ret members of the same names."""
import re

SCALAR = re.compile(r"^(?:unsigned\s+)?(?:int|char|short|long|long\s+long|double)\s+(\w+)\s*;$")


def read(paths):
    found = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"struct\s+_(vir\w+)\s*\{(.*?)\};", text, re.S):
            fields = []
            for line in m.group(2).splitlines():
                line = re.sub(r"/\*.*?\*/", "", line).strip()
                if not line:
                    continue
                fm = SCALAR.match(line)
                if not fm:
                    fields = None
                    break
                fields.append(fm.group(1))
            typedef = re.search(r"typedef\s+struct\s+_%s\s+%s\s*;" % (m.group(1), m.group(1)), text)
            if fields and typedef:
                found[m.group(1) + "Ptr"] = (m.group(1), fields)
    return found
