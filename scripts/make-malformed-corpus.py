#!/usr/bin/env python3
"""Writes a corpus of malformed scenario files by mutating the shipped ones.

    python3 scripts/make-malformed-corpus.py --out DIR [--seed 9] [--per-kind K]

Every case is a scenario file DIR/case-NNNN-<kind>-<source>.yaml (some cases also get a CSV MSEL
of their own under DIR/msel/). The corpus is a pure function of the seed and the shipped
scenarios, so the same command always writes the same files; DIR/cases.tsv lists them (name,
kind, source scenario). The test `MalformedCorpusTests` runs `jtx validate` (and `jtx run` on the
cases that happen to be valid) on every case and checks that jtx neither crashes, nor hangs, nor
fails without a located error.

Mutation kinds (each applied to every shipped scenario, several random variants each):
wrong types, missing keys, dangling references, cycles (plan and inject times), negative, zero,
huge, NaN and infinite numbers and durations, empty files, binary garbage, very deep nesting,
very long strings, duplicate keys and ids, unicode edge cases, a byte-order mark, CRLF and CR
line endings, tabs, truncation, YAML anchors/aliases/tags and several documents, swapped lines,
CSV MSEL damage and MSEL paths that leave the scenario's folder.
"""
import argparse
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")

REFERENCE_KEYS = ["to", "performer", "after", "triggers", "milestone", "from", "disrupted-by", "jurisdiction",
                  "connects", "lead", "capability", "channel", "agency", "subject", "starts-in", "requester",
                  "originator", "between", "among", "offence", "instrument", "fallback"]
BAD_NUMBERS = ["-1", "0", "-0", "1e308", "1e999", "-1e999", ".nan", ".inf", "-.inf", "nan", "inf", "NaN",
               "99999999999999999999999999", "0.0000000001", "4.9e-324", "-2147483649", "9223372036854775808",
               "0x10", "1_000", "+5", "1e-400", "'7'", "[3]", "{n: 1}", "true", "~"]
BAD_DURATIONS = ["-5m", "0s", "0h", "99999999999999w", "1e400h", "nanh", "infd", ".inf", "5x", "h", "3 d",
                 "1e308d", "-0s", "2d-", "1.5.5h", "18446744073709551616s", "0.000000001s"]
WRONG_TYPES = ["[1, 2]", "{a: 1}", "\"text\"", "12", "true", "null", "~", "[]", "{}", "-1.5", "[[x]]", "!!binary aGVsbG8="]
UNICODE = ["\u202e", "\u200b", "\u200d", "e\u0301", "\U0001F4A3", "\ufffe", "\uffff", "\u0085", "\u2028", "\u2029",
           "\uff1a", "\u0410", "\u0000", "\u001b[31m", "\ud7ff", "\U0010ffff", "\u00a0", "\u3000", "\ufeff"]


def lines_of(text):
    return text.split("\n")


def scalar_lines(lines):
    """Indices of lines `key: value` with a non-empty value that is not a comment."""
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*(?:- )?)([A-Za-z][\w-]*): (\S.*)$", line)
        if m and not m.group(3).startswith("#"):
            out.append(i)
    return out


def replace_value(line, value):
    m = re.match(r"^(\s*(?:- )?[A-Za-z][\w-]*: )(.*)$", line)
    return m.group(1) + value if m else line


class Mutator:
    def __init__(self, rng, text, name):
        self.rng = rng
        self.text = text
        self.name = name
        self.lines = lines_of(text)

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def wrong_type(self):
        lines = list(self.lines)
        i = self.pick(scalar_lines(lines))
        lines[i] = replace_value(lines[i], self.pick(WRONG_TYPES))
        return "\n".join(lines)

    def missing_key(self):
        lines = list(self.lines)
        candidates = [i for i, l in enumerate(lines) if l.strip() and not l.strip().startswith("#")]
        i = self.pick(candidates)
        line = lines[i]
        if line.lstrip().startswith("- "):   # keep the list item, drop its first key
            indent = len(line) - len(line.lstrip())
            lines[i] = " " * indent + "- {}"
        else:
            del lines[i]
        return "\n".join(lines)

    def dangling_reference(self):
        lines = list(self.lines)
        candidates = [i for i, l in enumerate(lines)
                      if re.match(r"^\s*(?:- )?(%s): " % "|".join(map(re.escape, REFERENCE_KEYS)), l)]
        if not candidates:
            return self.wrong_type()
        i = self.pick(candidates)
        m = re.match(r"^(\s*(?:- )?[\w-]+: )(.*)$", lines[i])
        value = m.group(2)
        ids = re.findall(r"[A-Za-z][\w-]*", value)
        target = self.pick(ids) if ids else value
        new = self.pick(["NO-SUCH-ID", target.lower() + "x", target[:-1] or "Z", target.upper() + "-2", "ÅÉÎ"])
        lines[i] = m.group(1) + value.replace(target, new, 1)
        return "\n".join(lines)

    def cycle(self):
        lines = list(self.lines)
        # Plan tasks: make the first task with an `after` list wait for a task that comes later.
        tasks = [(i, m.group(2)) for i, l in enumerate(lines) for m in [re.match(r"^(\s*)- id: ([\w-]+)", l)] if m]
        afters = [i for i, l in enumerate(lines) if re.match(r"^\s+after: \[", l)]
        if self.rng.random() < 0.5 and afters:
            i = self.pick(afters)
            later = [t for (j, t) in tasks if j > i]
            if later:
                lines[i] = re.sub(r"\[", "[" + self.pick(later) + ", ", lines[i], count=1)
                return "\n".join(lines)
        if afters:
            i = afters[0]
            own = [t for (j, t) in tasks if j < i]
            if own:
                lines[i] = re.sub(r"\[", "[" + own[-1] + ", ", lines[i], count=1)   # a task after itself
                return "\n".join(lines)
        # Inject times that wait for each other.
        times = [i for i, l in enumerate(lines) if re.match(r"^\s+time: ", l)]
        if len(tasks) >= 2 and times:
            i = self.pick(times)
            lines[i] = replace_value(lines[i], "{after: %s, delay: 1h}" % self.pick(tasks)[1])
        return "\n".join(lines)

    def bad_number(self):
        spans = [m for m in re.finditer(r"(?<=[:(=, \[])\s?-?\d+(?:\.\d+)?(?![\w-])", self.text)]
        if not spans:
            return self.wrong_type()
        m = self.pick(spans)
        return self.text[:m.start()] + " " + self.pick(BAD_NUMBERS) + self.text[m.end():]

    def bad_duration(self):
        spans = [m for m in re.finditer(r"(?<![\w.-])\d+(?:\.\d+)?[smhdw](?![\w-])", self.text)]
        if not spans:
            return self.bad_number()
        m = self.pick(spans)
        return self.text[:m.start()] + self.pick(BAD_DURATIONS) + self.text[m.end():]

    def bad_distribution(self):
        spans = [m for m in re.finditer(r"\b([a-z]+)\(([^()\n]*)\)", self.text)]
        if not spans:
            return self.bad_number()
        m = self.pick(spans)
        choice = self.rng.randrange(6)
        args = m.group(2)
        if choice == 0:
            new = m.group(1) + "(" + ", ".join(self.pick(BAD_NUMBERS) for _ in range(self.rng.randrange(0, 4))) + ")"
        elif choice == 1:
            new = self.pick(["gamma", "weibull", "nosuch", "uniform", "pert", "lognormal", "exponential"]) + "(" + args + ")"
        elif choice == 2:
            new = m.group(1) + "(" + args + ", " + args + ")"
        elif choice == 3:
            new = m.group(1) + "(" + args
        elif choice == 4:
            new = m.group(1) + "((" + args + "))"
        else:
            new = m.group(1) + "(" + re.sub(r"\d+", lambda _: self.pick(BAD_NUMBERS), args) + ")"
        return self.text[:m.start()] + new + self.text[m.end():]

    def duplicate_key(self):
        lines = list(self.lines)
        candidates = [i for i in scalar_lines(lines) if not lines[i].lstrip().startswith("- ")]
        i = self.pick(candidates)
        lines.insert(i + 1 + self.rng.randrange(0, 2) * 0, lines[i])
        return "\n".join(lines)

    def duplicate_id(self):
        ids = [(i, m.group(1)) for i, l in enumerate(self.lines) for m in [re.search(r"\bid: ([\w-]+)", l)] if m]
        if len(ids) < 2:
            return self.duplicate_key()
        k = self.rng.randrange(1, len(ids))
        i, old = ids[k]
        lines = list(self.lines)
        lines[i] = lines[i].replace("id: " + old, "id: " + ids[self.rng.randrange(0, k)][1], 1)
        return "\n".join(lines)

    def unicode_edge(self):
        char = self.pick(UNICODE)
        lines = list(self.lines)
        where = self.rng.randrange(4)
        if where == 0:   # inside an id
            ids = [i for i, l in enumerate(lines) if "id: " in l]
            if ids:
                i = self.pick(ids)
                lines[i] = lines[i] + char
                return "\n".join(lines)
        if where == 1:   # inside a key
            i = self.pick(scalar_lines(lines))
            lines[i] = lines[i].replace(":", char + ":", 1)
            return "\n".join(lines)
        if where == 2:   # a line of its own
            lines.insert(self.rng.randrange(len(lines)), char * self.rng.randrange(1, 5))
            return "\n".join(lines)
        i = self.rng.randrange(len(self.text) + 1)
        return self.text[:i] + char + self.text[i:]

    def line_endings(self):
        choice = self.rng.randrange(4)
        if choice == 0:
            return self.text.replace("\n", "\r\n")
        if choice == 1:
            return self.text.replace("\n", "\r")
        if choice == 2:
            lines = self.lines
            return "".join(l + ("\r\n" if k % 2 else "\n") for k, l in enumerate(lines))
        return "\ufeff" + self.text.replace("\n", "\r\n")

    def bom(self):
        choice = self.rng.randrange(3)
        if choice == 0:
            return "\ufeff" + self.text
        if choice == 1:
            return "\ufeff\ufeff" + self.text
        i = self.pick([m.start() for m in re.finditer("\n", self.text)])
        return self.text[:i + 1] + "\ufeff" + self.text[i + 1:]

    def tabs(self):
        lines = list(self.lines)
        choice = self.rng.randrange(3)
        indented = [i for i, l in enumerate(lines) if l.startswith("  ")]
        if choice == 0 and indented:
            i = self.pick(indented)
            lines[i] = "\t" + lines[i][2:]
        elif choice == 1:
            lines = [("\t" * ((len(l) - len(l.lstrip(" "))) // 2) + l.lstrip(" ")) for l in lines]
        else:
            i = self.pick(scalar_lines(lines))
            lines[i] = lines[i].replace(": ", ":\t", 1)
        return "\n".join(lines)

    def truncate(self):
        data = self.text
        return data[:self.rng.randrange(len(data))]

    def swap_lines(self):
        lines = list(self.lines)
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)

    def shift_indent(self):
        lines = list(self.lines)
        i = self.pick([k for k, l in enumerate(lines) if l.strip()])
        lines[i] = self.pick([" ", "   ", ""]) + lines[i] if self.rng.random() < 0.6 else lines[i].lstrip()
        return "\n".join(lines)

    def yaml_features(self):
        choice = self.rng.randrange(8)
        lines = list(self.lines)
        if choice == 0:
            return self.text + "\n---\n" + self.text
        if choice == 1:
            return "%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\n" + self.text
        if choice == 2:
            i = self.pick(scalar_lines(lines))
            lines[i] = replace_value(lines[i], self.pick(["*undefined", "&a *a", "!!python/object:os.system x", "!custom x",
                                                           "!!float nope", "!!int 1.5", "!!map []", "!!binary @@@"]))
            return "\n".join(lines)
        if choice == 3:
            return "base: &b {staff: 1}\nmerged:\n  <<: *b\n  <<: *b\n" + self.text
        if choice == 4:
            i = self.pick(scalar_lines(lines))
            lines[i] = replace_value(lines[i], "|\n" + "  continued\n" * 3)
            return "\n".join(lines)
        if choice == 5:
            return self.text.replace("agencies:", "agencies: &agencies", 1) + "\nextra: *agencies\n"
        if choice == 6:
            return "? [complex, key]\n: value\n" + self.text
        return self.text + "\n...\n"


def garbage(rng, kind):
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096)))
    if kind == 1:
        return b"\x00" * rng.randrange(1, 1000)
    if kind == 2:
        return b"\xff\xfe" + "exercise: {name: x}\n".encode("utf-16-le")
    if kind == 3:
        return bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 512)))
    return b"exercise:\n  name: \xc3\x28\xa0\xa1\n"


def deep_nesting(rng, text):
    depth = rng.choice([64, 200, 999, 1001, 5000, 50000, 200000])
    kind = rng.randrange(5)
    if kind == 0:
        return text + "\nextra: " + "[" * depth + "]" * depth + "\n"
    if kind == 1:
        return text + "\nextra: " + "{a: " * depth + "1" + "}" * depth + "\n"
    if kind == 2:
        return text + "\nextra:\n" + "".join("  " * k + "k:\n" for k in range(min(depth, 3000))) + "  " * min(depth, 3000) + "v\n"
    if kind == 3:
        return text + "\nextra: " + "- " * min(depth, 20000) + "x\n"
    return "[" * depth


def long_string(rng, text):
    size = rng.choice([10_000, 100_000, 1_000_000, 3_000_000])
    kind = rng.randrange(6)
    if kind == 0:
        return text.replace("name: ", "name: " + "x" * size, 1)
    if kind == 1:
        return text.replace("id: ", "id: " + "A" * size, 1)
    if kind == 2:
        return text + "\n" + "k" * size + ": 1\n"
    if kind == 3:
        return text + "\n" + " " * size + "\n"
    if kind == 4:
        return text.replace("seed: ", "seed: " + "9" * min(size, 200_000) + " #", 1)
    return text + "\nextra: \"" + "\\u00e9" * (size // 6) + "\"\n"


def aliases(rng, text):
    kind = rng.randrange(4)
    width = rng.choice([5, 9, 10])
    levels = rng.choice([4, 6, 9, 12])
    lines = ['a0: &a0 ["lol"%s]' % (', "lol"' * (width - 1))]
    for i in range(1, levels + 1):
        lines.append("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * width)))
    laughs = "\n".join(lines) + "\n"
    if kind == 0:
        return laughs
    if kind == 1:
        return text + "\nextra:\n" + "".join("  " + l + "\n" for l in lines)
    if kind == 2:   # laughs in a place the reader walks
        return text.replace("exercise:", "laughs:\n" + "".join("  " + l + "\n" for l in lines) + "exercise:", 1)
    return "a: &a [*a]\n" + text


def msel_damage(rng, csv):
    rows = csv.split("\n")
    kind = rng.randrange(9)
    if kind == 0:
        return csv.replace("0h", rng.choice(BAD_DURATIONS), 1)
    if kind == 1:
        return "\n".join(rows[1:])
    if kind == 2:
        return csv + '\n"unterminated,quote\n'
    if kind == 3:
        return csv.replace("INTEL", "NOBODY", 1)
    if kind == 4:
        return "\ufeff" + csv.replace("\n", "\r\n")
    if kind == 5:
        return csv + "\n" + "x" * 200_000 + ",1h\n"
    if kind == 6:
        return rows[0] + "\n" + rows[1] + "\n" + rows[1] + "\n"
    if kind == 7:
        return csv.replace(",", ";")
    return csv + "\n" + ",".join(["after TIP + 1h"] * 40) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--per-kind", type=int, default=None,
                        help="random variants per mutation kind and scenario (default: enough for about 600 cases)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = args.out
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "msel"))
    shutil.copy(os.path.join(SCENARIOS, "msel", "chain-msel.csv"), os.path.join(out, "msel", "chain-msel.csv"))
    sources = sorted(f for f in os.listdir(SCENARIOS) if f.endswith(".yaml"))
    # Each scenario gives 18 cases per variant and 6 more; the fixed cases add about 80.
    per_kind = args.per_kind or max(1, -(-(520 // len(sources) - 6) // 18))
    texts = {f: open(os.path.join(SCENARIOS, f), encoding="utf-8").read() for f in sources}
    csv = open(os.path.join(SCENARIOS, "msel", "chain-msel.csv"), encoding="utf-8").read()
    cases = []

    def add(kind, source, content):
        name = "case-%04d-%s-%s.yaml" % (len(cases), kind, source.replace(".yaml", ""))
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        with open(os.path.join(out, name), "wb") as handle:
            handle.write(data)
        cases.append((name, kind, source))
        return name

    text_kinds = ["wrong-type", "missing-key", "dangling-reference", "cycle", "bad-number", "bad-duration",
                  "bad-distribution", "duplicate-key", "duplicate-id", "unicode", "line-endings", "bom", "tabs",
                  "truncate", "swap-lines", "indent", "yaml-features"]
    methods = {"wrong-type": "wrong_type", "missing-key": "missing_key", "dangling-reference": "dangling_reference",
               "cycle": "cycle", "bad-number": "bad_number", "bad-duration": "bad_duration",
               "bad-distribution": "bad_distribution", "duplicate-key": "duplicate_key", "duplicate-id": "duplicate_id",
               "unicode": "unicode_edge", "line-endings": "line_endings", "bom": "bom", "tabs": "tabs",
               "truncate": "truncate", "swap-lines": "swap_lines", "indent": "shift_indent",
               "yaml-features": "yaml_features"}
    for source in sources:
        for kind in text_kinds:
            for _ in range(per_kind):
                mutator = Mutator(rng, texts[source], source)
                add(kind, source, getattr(mutator, methods[kind])())
        for _ in range(2):
            add("deep-nesting", source, deep_nesting(rng, texts[source]))
            add("long-string", source, long_string(rng, texts[source]))
            add("aliases", source, aliases(rng, texts[source]))
        # Several mutations at once.
        for _ in range(per_kind):
            text = texts[source]
            for _ in range(rng.randrange(2, 5)):
                text = getattr(Mutator(rng, text, source), methods[rng.choice(text_kinds[:10])])()
            add("combined", source, text)

    for content in ["", " ", "\n\n\n", "# only a comment\n", "---\n", "...\n", "~\n", "[]\n", "{}\n", "just a string\n",
                    "- a\n- b\n", "exercise:\n", "exercise: []\n", "\ufeff", "\t\n", "\r\n", "null\n", "exercise: {}\n",
                    "exercise:\n  name: x\n", "%YAML 2.0\n---\nx\n", "&a\n", "*a\n", "!!binary\n", ":\n", "- - - -\n"]:
        add("empty", "-", content)
    for kind in range(5):
        for _ in range(3):
            add("binary", "-", garbage(rng, kind))
    for _ in range(8):   # garbage spliced into a valid file
        text = texts[rng.choice(sources)].encode("utf-8")
        i = rng.randrange(len(text))
        add("binary", "-", text[:i] + garbage(rng, rng.randrange(5))[:64] + text[i:])

    # The MSEL import: damaged CSV files, and paths that leave the scenario's folder.
    msel_source = texts["msel-import.yaml"]
    for k in range(18):
        csv_name = "msel/damaged-%02d.csv" % k
        with open(os.path.join(out, csv_name), "w", encoding="utf-8", newline="") as handle:
            handle.write(msel_damage(rng, csv))
        add("msel-csv", "msel-import.yaml", msel_source.replace("msel/chain-msel.csv", csv_name))
    for path in ["../msel/chain-msel.csv", "/etc/passwd", "../../../../etc/passwd", "msel/../../x.csv", "msel",
                 "msel/missing.csv", "[msel/chain-msel.csv, msel/chain-msel.csv]", "\"\"", "/dev/zero",
                 "msel/./chain-msel.csv", "[]", "{path: x}"]:
        add("msel-path", "msel-import.yaml", msel_source.replace("msel: msel/chain-msel.csv", "msel: " + path))

    with open(os.path.join(out, "cases.tsv"), "w", encoding="utf-8") as handle:
        for row in cases:
            handle.write("\t".join(row) + "\n")
    print("%d cases in %s" % (len(cases), out))


if __name__ == "__main__":
    sys.exit(main())
