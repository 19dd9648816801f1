#!/usr/bin/env python3
"""Writes Resources/ICD10/icd10cm-2026.tsv, the ICD-10-CM code set Hearth validates diagnoses against.

Source: the CDC/NCHS ICD-10-CM tabular list XML (public domain), from
  https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/2026/
(the tabular list XML, `icd10c-tabular-April-1-2026.xml`, is in the April 1, 2026 release's table-and-index zip).
A code list with one code per line, dots removed (chapters, blocks, headers and every 7th-character code), is an
optional cross-check; the release's code order file lists the same codes with the same billable flag.

Run from the repository's folder:
  python3 scripts/icd10cm-extract.py path/to/icd10c-tabular-April-1-2026.xml [path/to/code-list.txt]

Output, one code per line, sorted by code, `CODE<TAB>BILLABLE<TAB>DESCRIPTION`:
  - CODE as CMS writes it, with the dot: E11.621, S72.001A, T81.40XA.
  - BILLABLE 1 for a code valid on a claim (a leaf of the tabular list, with its 7th character when the category
    has one), 0 for a header (a category or subcategory that needs more characters). Same flag as the order file.
  - DESCRIPTION the tabular list's title; a 7th-character code's is its parent's title, ", ", then the meaning of
    the 7th character, as the order file writes it.
Codes that take a 7th character but are shorter than six characters are filled with the placeholder X
(ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Section I.A.4-5).
"""
import sys
import xml.etree.ElementTree as ET


def extract(xml_path):
    """Returns {code: (billable, description)} from the tabular list."""
    root = ET.parse(xml_path).getroot()
    codes = {}

    def walk(diag, extensions):
        name = diag.findtext("name").strip()
        desc = " ".join(diag.findtext("desc").split())
        own = diag.find("sevenChrDef")
        if own is not None:  # the nearest definition applies to every code below it
            extensions = [(e.get("char"), " ".join(e.text.split())) for e in own.findall("extension")]
        children = diag.findall("diag")
        if children:
            codes[name] = (0, desc)
            for child in children:
                walk(child, extensions)
        elif extensions:
            codes[name] = (0, desc)
            base = name if "." in name else name + "."
            base += "X" * (7 - len(base))  # a placeholder fills to six characters (7 with the dot)
            for char, meaning in extensions:
                if name.startswith("S06.") and name[-1] in "78" and char != "A":
                    continue  # category S06's note: "7th characters D and S do not apply to ... 6th character 7 ... or 8"
                codes[base + char] = (1, f"{desc}, {meaning}")
        else:
            codes[name] = (1, desc)

    for chapter in root.iter("chapter"):
        for section in chapter.findall("section"):
            for diag in section.findall("diag"):
                walk(diag, None)
    return codes


def cross_check(codes, list_path):
    """Compares with a code list (no dots): same codes, and a code is billable exactly when no listed code extends it."""
    with open(list_path, encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip() and "-" not in line and not line.strip().isdigit()]
    leaves = {code for i, code in enumerate(listed) if i + 1 == len(listed) or not listed[i + 1].startswith(code)}
    ours = {code.replace(".", ""): billable for code, (billable, _) in codes.items()}
    missing = set(listed) - ours.keys()
    extra = ours.keys() - set(listed)
    wrong = {code for code in leaves & ours.keys() if not ours[code]} | {c for c, b in ours.items() if b and c not in leaves}
    print(f"code list: {len(listed)} codes, {len(leaves)} billable; missing {len(missing)}, extra {len(extra)}, "
          f"flag differs {len(wrong)}", file=sys.stderr)
    for label, found in (("missing", missing), ("extra", extra), ("flag differs", wrong)):
        if found:
            print(f"  {label}: {sorted(found)[:10]}", file=sys.stderr)
    return not (missing or extra or wrong)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    codes = extract(sys.argv[1])
    billable = sum(flag for flag, _ in codes.values())
    out = "Resources/ICD10/icd10cm-2026.tsv"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# ICD-10-CM FY2026 (April 1, 2026 release), CDC/NCHS tabular list, public domain.\n")
        f.write("# Written by scripts/icd10cm-extract.py: CODE<TAB>1 billable / 0 header<TAB>description. Do not edit by hand.\n")
        for code in sorted(codes):
            flag, desc = codes[code]
            f.write(f"{code}\t{flag}\t{desc}\n")
    print(f"{out}: {billable} billable codes, {len(codes) - billable} headers")
    if len(sys.argv) == 3 and not cross_check(codes, sys.argv[2]):
        sys.exit("the tabular list and the code list disagree")


if __name__ == "__main__":
    main()
