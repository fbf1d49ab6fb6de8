"""Rebuild data/unicode-*.txt from Debian's ``unicode-data`` package (apt-get install unicode-data).

Keeps what the corpus needs, one case per line: every multi-code-point emoji of
emoji-test.txt (ZWJ families, flags, keycaps, skin tones, tag-sequence flags),
and an even sample of BidiCharacterTest.txt's inputs (code points with bidi
controls). The Unicode license (data/unicode.LICENSE) allows redistribution.
"""

from __future__ import annotations

import sys
from pathlib import Path

UCD = Path("/usr/share/unicode")
DATA = Path(__file__).with_name("data")
BIDI_SAMPLE = 400


def main() -> int:
    if not (UCD / "emoji" / "emoji-test.txt").exists():
        print("install Debian's unicode-data first: apt-get install unicode-data", file=sys.stderr)
        return 1
    emoji = []
    for line in (UCD / "emoji" / "emoji-test.txt").read_text("utf-8").splitlines():
        points, _, rest = line.partition(";")
        if "fully-qualified" in rest and len(points.split()) > 1:
            name = rest.split("#", 1)[1].split(None, 2)[-1]
            emoji.append(f"{points.strip()}\t{name}")
    (DATA / "unicode-emoji-sequences.txt").write_text("\n".join(emoji) + "\n", "utf-8")
    bidi = [
        line.split(";", 1)[0]
        for line in (UCD / "BidiCharacterTest.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    step = max(1, len(bidi) // BIDI_SAMPLE)
    (DATA / "unicode-bidi-character-test.txt").write_text("\n".join(bidi[::step]) + "\n", "utf-8")
    print(f"{len(emoji)} emoji sequences, {len(bidi[::step])} bidi test inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
