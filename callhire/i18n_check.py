"""Fail when a Malay catalogue has an untranslated or fuzzy message (run by `make test`)."""

from __future__ import annotations

import sys
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"


def untranslated(po_text: str) -> list[str]:
    """Return the msgids of a .po file that have no translation or are marked fuzzy."""
    missing: list[str] = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid, msgstrs, current = "", [], None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith("msgid "):
                current, msgid = "id", line[6:].strip().strip('"')
            elif line.startswith("msgid_plural"):
                current = "plural"
            elif line.startswith("msgstr"):
                current = "str"
                msgstrs.append(line.split(" ", 1)[1].strip().strip('"'))
            elif line.startswith('"') and current == "id":
                msgid += line.strip().strip('"')
            elif line.startswith('"') and current == "str":
                msgstrs[-1] += line.strip().strip('"')
        if msgid == "":
            continue  # the header
        if fuzzy or not msgstrs or any(not s for s in msgstrs):
            missing.append(msgid)
    return missing


def main() -> int:
    failures = 0
    for po in sorted(LOCALE.glob("ms/LC_MESSAGES/*.po")):
        for msgid in untranslated(po.read_text(encoding="utf-8")):
            print(f"{po}: no Malay translation for {msgid!r}", file=sys.stderr)
            failures += 1
    if failures:
        print(f"{failures} message(s) lack a Malay translation; run `make messages` and translate them.")
        return 1
    print("Malay catalogue complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
