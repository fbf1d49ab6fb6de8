"""Property-based: random text and HTML, seeded with attack fragments, through
the whole library pipeline (``maildigest.build``). Whatever comes in, either a
``MaildigestError`` is raised (and nothing is written) or every output keeps
the invariants."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hostile_cases import LITERAL, MARKDOWN_XSS, TEMPLATE, XSS
from hostile_invariants import assert_invariants, read_outputs
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import maildigest
from maildigest.config import Settings
from maildigest.errors import MaildigestError
from maildigest.models import Document

SENTENCES = (
    "The harbour board approved a new ferry timetable on Monday after a long debate.",
    "Officials said the changes would take effect in the spring, pending a final vote.",
    "Several ferry operators welcomed the decision and said crews could plan ahead.",
    "The finance committee will publish its review of fares and subsidies next month.",
)
FRAGMENTS = [*XSS.values(), *MARKDOWN_XSS.values(), *TEMPLATE.values(), *LITERAL.values()]
MARKUP = ["<p>", "</p>", "<div>", "</div>", "<br>", "<li>", "<b>", "</b>", "\n\n", "\r", "\x00",
          "<!--", "-->", "&amp;", "&lt;", "&#13;&#10;", "[", "](", "*", "_", "> ", "- ", "# "]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(MARKUP),
    st.text(max_size=40),
)
bodies = st.lists(pieces, min_size=1, max_size=40).map(" ".join)
titles = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=80))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(title=titles, body=bodies, format=st.sampled_from(["text", "markdown", "html"]))
def test_random_input_keeps_the_invariants(title: str, body: str, format: str) -> None:
    text = f"{title}\n\n{body}\n\n" + "\n\n".join(SENTENCES)
    if format == "html":
        text = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        text += "".join(f"<p>{s}</p>" for s in SENTENCES) + "</article></body></html>"
    document = Document(text=text, format=format, origin="random")  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        try:
            maildigest.build([document], out_dir=out, settings=Settings())
        except MaildigestError as error:
            event(f"refused: {type(error).__name__}")
            assert "\n" not in str(error)
            assert not out.exists() or not any(out.iterdir())
            return
        event("built")
        assert_invariants(read_outputs(out))
