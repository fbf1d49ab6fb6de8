"""``maildigest check``: an offline pre-send gate for email HTML.

Hard rules (any one fails the check, and ``build`` refuses its own output):
no scripts, forms, frames or plug-ins; no external stylesheets or ``@import``;
layout CSS inlined, and no ``@media`` rule that loses to an inline style for
want of ``!important``; HTML under the clip budget; images with ``alt`` and a
pixel ``width``; ``<html lang>``; absolute http(s)/mailto links; an
unsubscribe link. Softer findings are warnings. Each major client gets a
support score for the features used, from the packaged Can I email data
(MIT, see ``data/CANIEMAIL-LICENSE.txt``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from maildigest.config import GMAIL_CLIP_BYTES, SIZE_BUDGET
from maildigest.errors import InputError
from maildigest.ingest import decode, detect_format, reading

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

FORBIDDEN_ELEMENTS = (
    "script", "form", "input", "button", "select", "textarea", "iframe", "frame", "frameset",
    "object", "embed", "applet",
)  # fmt: skip
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https", "cid"})
UNSUBSCRIBE = re.compile(r"unsubscribe|opt[- ]?out|abmelden|désinscri|darse de baja", re.I)
LAYOUT_PROPERTIES = frozenset(
    {
        "width", "min-width", "max-width", "height", "min-height", "max-height", "display",
        "float", "position", "border-collapse", "table-layout", "text-align", "vertical-align",
        "direction", "font-size", "line-height", "margin", "padding", "border", "overflow",
        "word-break", "white-space",
    }
)  # fmt: skip
"""Property families whose loss in clients that strip <style> breaks the layout."""
PRESENTATIONAL = {"width": "width", "height": "height", "text-align": "align",
                  "vertical-align": "valign", "background-color": "bgcolor",
                  "background": "bgcolor"}  # fmt: skip
MAJOR_CLIENTS = (
    ("gmail-web", "Gmail (web)", "gmail", "desktop-webmail"),
    ("gmail-ios", "Gmail (iOS)", "gmail", "ios"),
    ("gmail-android", "Gmail (Android)", "gmail", "android"),
    ("outlook-windows", "Outlook (Windows)", "outlook", "windows"),
    ("outlook-com", "Outlook.com", "outlook", "outlook-com"),
    ("outlook-macos", "Outlook (macOS)", "outlook", "macos"),
    ("apple-mail-macos", "Apple Mail (macOS)", "apple-mail", "macos"),
    ("apple-mail-ios", "Apple Mail (iOS)", "apple-mail", "ios"),
    ("yahoo-web", "Yahoo Mail (web)", "yahoo", "desktop-webmail"),
    ("samsung-email", "Samsung Email", "samsung-email", "android"),
    ("thunderbird", "Thunderbird", "thunderbird", "windows"),
)
SUPPORT_VALUE = {"y": 1.0, "a": 0.5, "n": 0.0}
_ELEMENT_FEATURES = {
    **{f"h{n}": "html-h1-h6" for n in range(1, 7)},
    **{tag: "html-lists" for tag in ("ul", "ol", "li", "dl", "dt", "dd")},
    **{tag: "html-semantics" for tag in ("article", "aside", "footer", "header", "main", "nav",
                                         "section", "figure", "figcaption", "time", "mark")},
    "map": "html-image-maps", "area": "html-image-maps",
}  # fmt: skip
_ATTRIBUTE_FEATURES = {"sizes": "html-srcset", "usemap": "html-image-maps"}
_MEDIA_FEATURES = ("prefers-color-scheme", "prefers-reduced-motion", "orientation", "hover")


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClientScore:
    client: str
    label: str
    score: float | None
    """0-100: the mean support of the features used (yes 1, partial 0.5, no 0)."""
    unsupported: tuple[str, ...]
    partial: tuple[str, ...]


@dataclass(frozen=True)
class CheckReport:
    file: str
    size: int
    budget: int
    failures: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    clients: tuple[ClientScore, ...]
    features: tuple[str, ...]
    """Can I email feature slugs the document uses."""

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "ok": self.ok,
            "size": self.size,
            "budget": self.budget,
            "failures": [_finding_dict(f) for f in self.failures],
            "warnings": [_finding_dict(f) for f in self.warnings],
            "clients": [
                {
                    "client": c.client,
                    "label": c.label,
                    "score": c.score,
                    "unsupported": list(c.unsupported),
                    "partial": list(c.partial),
                }
                for c in self.clients
            ],
            "features": list(self.features),
            "data": "Can I email… (caniemail.com), MIT licence",
        }

    def to_text(self) -> str:
        lines = [f"{self.file}: {self.size:,} bytes (budget {self.budget:,})"]
        for finding in self.failures:
            lines.append(f"FAIL [{finding.rule}] {finding.message}")
            lines.extend(f"     - {d}" for d in finding.details)
        for finding in self.warnings:
            lines.append(f"warn [{finding.rule}] {finding.message}")
            lines.extend(f"     - {d}" for d in finding.details)
        lines.append("Support by client (Can I email data, features used):")
        for c in self.clients:
            score = "  n/a" if c.score is None else f"{c.score:5.1f}%"
            missing = f"  no: {', '.join(c.unsupported)}" if c.unsupported else ""
            lines.append(f"  {c.label:20} {score}{missing}")
        verdict = "PASS" if self.ok else f"FAIL ({len(self.failures)} hard-rule failure(s))"
        lines.append(f"RESULT: {verdict}")
        return "\n".join(lines) + "\n"


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "message": finding.message, "details": list(finding.details)}


def check_file(path: str | Path, *, budget: int = SIZE_BUDGET) -> CheckReport:
    path = Path(path)
    with reading(str(path)):
        raw = path.read_bytes()
    # binary and empty files fail in decode; text with no markup is not an email to check
    if detect_format(decode(raw, str(path)), str(path)) != "html":
        raise InputError(
            f"{path} is not HTML: check takes an HTML email such as out/newsletter.html"
        )
    return check_html(raw, budget=budget, name=str(path))


def check_html(
    html: str | bytes, *, budget: int = SIZE_BUDGET, name: str = "", scores: bool = True
) -> CheckReport:
    """Check email HTML against the hard rules and score client support.

    ``scores=False`` checks the hard rules only: no feature inventory, no
    client scores, and the 1 MB Can I email data is never loaded (``build``'s gate).
    """
    import lxml.etree  # not lxml.html: its element classes cost 2.5 ms to import, unused here

    raw = html.encode("utf-8") if isinstance(html, str) else html
    try:
        root = lxml.etree.fromstring(raw.decode("utf-8", errors="replace"), lxml.etree.HTMLParser())
    except Exception as exc:  # lxml raises XMLSyntaxError and ValueError for unusable input
        raise InputError(f"{name or 'input'} is not parseable HTML: {exc}") from None
    if root is None:
        raise InputError(f"{name or 'input'} is not parseable HTML: the document is empty")
    known = caniemail_features() if scores else {}
    audit = _Audit(root, known)
    audit.size(len(raw), budget)
    audit.elements()
    audit.stylesheets()
    audit.urls()
    audit.images()
    audit.head()
    audit.unsubscribe()
    audit.tables()
    audit.css()
    features = sorted(slug for slug in audit.features if slug in known)
    return CheckReport(
        file=name,
        size=len(raw),
        budget=budget,
        failures=tuple(audit.failures),
        warnings=tuple(audit.warnings),
        clients=client_scores(features) if scores else (),
        features=tuple(features),
    )


@dataclass
class _Audit:
    root: HtmlElement
    known: Mapping[str, Any]
    """Can I email features by slug: only these are inventoried (empty: none)."""
    failures: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    matches: dict[str, list[HtmlElement]] = field(default_factory=dict)

    def fail(self, rule: str, message: str, details: Iterable[str] = ()) -> None:
        self.failures.append(Finding(rule, message, tuple(details)[:10]))

    def warn(self, rule: str, message: str, details: Iterable[str] = ()) -> None:
        self.warnings.append(Finding(rule, message, tuple(details)[:10]))

    def tags(self) -> Iterator[HtmlElement]:
        return (el for el in self.root.iter() if isinstance(el.tag, str))

    def size(self, size: int, budget: int) -> None:
        if size > budget:
            self.fail(
                "size.budget",
                f"HTML is {size:,} bytes, over the {budget:,}-byte budget: Gmail clips "
                f"messages over about {GMAIL_CLIP_BYTES // 1024} KB, hiding the rest and the unsubscribe link",
            )

    def elements(self) -> None:
        known = self.known
        for el in self.tags():
            tag = el.tag.lower()
            slug = _ELEMENT_FEATURES.get(tag, f"html-{tag}")
            if slug in known:
                self.features.add(slug)
            for attribute in el.attrib:
                name = attribute.lower()
                slug = _ATTRIBUTE_FEATURES.get(name, f"html-{name}")
                if slug in known:
                    self.features.add(slug)
                if name.startswith("on"):
                    self.fail("attr.event_handler", f"<{tag} {name}=…>: scripts never run in email")
            if tag == "meta" and (el.get("name") or "").lower() in {
                "color-scheme",
                "supported-color-schemes",
            }:
                self.features.add("html-meta-color-scheme")
        for tag in FORBIDDEN_ELEMENTS:
            found = self.root.xpath(f"//{tag}")
            if tag == "script":  # JSON-LD schema markup is data, not script
                found = [e for e in found if "json" not in (e.get("type") or "").lower()]
            if found:
                self.fail(
                    f"element.{tag}",
                    f"{len(found)} <{tag}> element(s): not allowed in email",
                )

    def stylesheets(self) -> None:
        sheets = [
            link.get("href") or ""
            for link in self.root.xpath("//link")
            if "stylesheet" in (link.get("rel") or "").lower().split()
        ]
        if sheets:
            self.fail(
                "css.external_stylesheet",
                f"{len(sheets)} external stylesheet(s): clients do not load them; inline the CSS",
                sheets,
            )

    def urls(self) -> None:
        bad, anchors = [], []
        for el in self.tags():
            for attribute, schemes in (("href", LINK_SCHEMES), ("src", IMAGE_SCHEMES)):
                url = el.get(attribute)
                if url is None or (el.tag == "link" and attribute == "href"):
                    continue
                url = url.strip()
                if url.startswith("#") and attribute == "href":
                    anchors.append(url)
                    continue
                if el.tag == "img" and url.lower().startswith("data:image/"):
                    self.features.add("image-base64")
                    continue
                problem = _url_problem(url, schemes)
                if problem:
                    bad.append(f'<{el.tag} {attribute}="{url[:80]}">: {problem}')
        if bad:
            self.fail(
                "url.absolute",
                f"{len(bad)} URL(s) are not absolute http(s)/mailto links (email has no base URL)",
                bad,
            )
        if anchors:
            self.features.add("html-anchor-links")
            self.warn(
                "url.anchor",
                f"{len(anchors)} in-page anchor link(s): not every client follows them",
            )

    def images(self) -> None:
        images = self.root.xpath("//img")
        no_alt = [img.get("src", "") for img in images if img.get("alt") is None]
        if no_alt:
            self.fail(
                "img.alt",
                f'{len(no_alt)} image(s) without alt text (use alt="" for decoration)',
                no_alt,
            )
        no_width = [
            img.get("src", "")
            for img in images
            if not re.fullmatch(r"\d+(?:px)?", (img.get("width") or "").strip())
        ]
        if no_width:
            self.fail(
                "img.width",
                f"{len(no_width)} image(s) without a pixel width attribute: Outlook for Windows "
                "shows them at their natural size",
                no_width,
            )

    def head(self) -> None:
        lang = (self.root.get("lang") or "").strip() if self.root.tag == "html" else ""
        if not lang:
            self.fail(
                "html.lang", "<html> has no lang attribute: screen readers guess the language"
            )
        elif lang.lower() in {"und", "zxx", "mul"}:
            self.warn("html.lang", f'<html lang="{lang}"> names no language')
        title = self.root.xpath("//title")
        if not title or not "".join(title[0].itertext()).strip():
            self.warn("head.title", "no <title>: some clients show it in previews and tabs")
        names = {(m.get("name") or "").lower() for m in self.root.xpath("//meta")}
        if "viewport" not in names:
            self.warn("head.viewport", "no <meta name=viewport>: phones zoom out the layout")
        if "color-scheme" not in names:
            self.warn("head.color_scheme", "no <meta name=color-scheme>: no dark-mode opt-in")

    def unsubscribe(self) -> None:
        for link in self.root.xpath("//a[@href]"):
            if UNSUBSCRIBE.search(f"{''.join(link.itertext())} {link.get('href')}"):
                return
        self.fail(
            "footer.unsubscribe",
            "no unsubscribe link: bulk mail needs one (and List-Unsubscribe points at it)",
        )

    def tables(self) -> None:
        tables = self.root.xpath("//table")
        layout = [t for t in tables if not t.xpath(".//th")]
        missing = [
            t for t in layout if (t.get("role") or "").lower() not in {"presentation", "none"}
        ]
        if missing:
            self.warn(
                "a11y.table_role",
                f'{len(missing)} layout table(s) without role="presentation": screen readers announce them',
            )

    def css(self) -> None:
        """Inventory the CSS and check that it is inlined where it must be."""
        import tinycss2

        inline: dict[HtmlElement, set[str]] = {}
        families: dict[str, set[str]] = {}  # templates repeat the same style attributes
        for el in self.tags():
            style = el.get("style")
            if style:
                if style not in families:
                    decls = _declarations(tinycss2.parse_blocks_contents(style))
                    families[style] = {_family(d.lower_name) for d in decls}
                    self._inventory_declarations(decls)
                inline[el] = families[style]
        not_inlined: dict[str, set[str]] = {}
        overridden: dict[str, set[str]] = {}
        for style in self.root.xpath("//style"):
            rules = tinycss2.parse_stylesheet(
                style.text or "", skip_whitespace=True, skip_comments=True
            )
            media = (style.get("media") or "").strip().lower()
            conditional = bool(media) and media not in {"all", "screen"}
            for rule, in_media in _rules(rules, conditional, self):
                decls = _declarations(tinycss2.parse_blocks_contents(rule.content))
                self._inventory_declarations(decls)
                for selector in _selectors(tinycss2.serialize(rule.prelude)):
                    matched = self._select(selector)
                    for decl in decls:
                        family = _family(decl.lower_name)
                        if in_media:
                            beaten = any(family in inline.get(el, ()) for el in matched)
                            if beaten and not decl.important:
                                overridden.setdefault(decl.lower_name, set()).add(selector)
                        elif family in LAYOUT_PROPERTIES and any(
                            family not in inline.get(el, ())
                            and not el.get(PRESENTATIONAL.get(decl.lower_name, "-"))
                            for el in matched
                        ):
                            not_inlined.setdefault(decl.lower_name, set()).add(selector)
        if not_inlined:
            self.fail(
                "css.not_inlined",
                f"{len(not_inlined)} layout propert(y/ies) reach elements only from <style>, "
                "which some clients strip: inline them",
                _via(not_inlined),
            )
        if overridden:
            self.fail(
                "css.media_overridden",
                f"{len(overridden)} @media propert(y/ies) lack !important and lose to inline "
                "styles, so the responsive or dark-mode rule never applies",
                _via(overridden),
            )

    def _select(self, selector: str) -> list[HtmlElement]:
        if selector not in self.matches:
            self.matches[selector] = _select(self.root, selector)
        return self.matches[selector]

    def _inventory_declarations(self, decls: Iterable[Any]) -> None:
        known = self.known
        for decl in decls:
            name = decl.lower_name
            if name == "display":
                value = "".join(t.value for t in decl.value if t.type == "ident").lower()
                slug = {"flex": "css-display-flex", "grid": "css-display-grid",
                        "none": "css-display-none"}.get(value, "css-display")  # fmt: skip
            else:
                slug = f"css-{_family(name) if name.startswith(('margin-', 'padding-')) else name}"
            if slug in known:
                self.features.add(slug)
            if decl.important:
                self.features.add("css-important")


def _select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    if ":" in selector:  # pseudo-classes cannot be inlined: nothing to compare
        return []
    from cssselect import HTMLTranslator, SelectorError

    try:
        return root.xpath(HTMLTranslator().css_to_xpath(selector))
    except SelectorError:
        return []


def _rules(rules: list[Any], conditional: bool, audit: _Audit) -> Iterator[tuple[Any, bool]]:
    """Style rules with whether each sits under a condition (@media, @supports)."""
    import tinycss2

    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule, conditional
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword == "import":
                audit.fail("css.import", "@import in <style>: it fetches a stylesheet; inline it")
                continue
            audit.features.add(f"css-at-{keyword}")
            if keyword == "media":
                prelude = tinycss2.serialize(rule.prelude).lower()
                audit.features.update(
                    f"css-at-media-{name}" for name in _MEDIA_FEATURES if name in prelude
                )
            if rule.content is not None and keyword in {"media", "supports"}:
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_whitespace=True, skip_comments=True
                )
                yield from _rules(inner, True, audit)


def _declarations(tokens: list[Any]) -> list[Any]:
    return [
        d
        for d in tokens
        if d.type == "declaration" and not d.lower_name.startswith(("mso-", "--", "-ms-"))
    ]


def _selectors(prelude: str) -> list[str]:
    return [s.strip() for s in prelude.split(",") if s.strip()]


def _family(prop: str) -> str:
    """``margin-top`` -> ``margin``: an inline shorthand or longhand counts for the family."""
    base = re.sub(r"^-(?:webkit|moz|ms|o)-", "", prop)
    if "radius" in base or base in {"border-collapse", "border-spacing"}:
        return base
    for root in (
        "margin",
        "padding",
        "border",
        "background",
        "font",
        "list-style",
        "text-decoration",
    ):
        if base == root or base.startswith(root + "-"):
            return root
    return base


def _url_problem(url: str, schemes: frozenset[str]) -> str | None:
    if not url:
        return "empty"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not scheme:
        return "relative" if not url.startswith("//") else "protocol-relative"
    if scheme not in schemes:
        return f"{scheme}: is not allowed"
    if scheme in {"http", "https"} and not parts.netloc:
        return "no host"
    return None


@lru_cache(maxsize=1)
def _caniemail() -> dict[str, Any]:
    from importlib import resources

    with resources.files("maildigest").joinpath("data/caniemail.json").open("rb") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def caniemail_features() -> dict[str, dict[str, Any]]:
    """Can I email features by slug (the packaged data, loaded once)."""
    return {feature["slug"]: feature for feature in _caniemail()["features"]}


def client_support(slug: str, family: str, platform: str) -> str | None:
    """y / a / n / u for the client's current (last listed) version, None when not listed."""
    versions = caniemail_features()[slug]["stats"].get(family, {}).get(platform)
    if not versions:
        return None
    return str(list(versions.values())[-1]).strip()[:1].lower() or None


def client_scores(features: Iterable[str]) -> tuple[ClientScore, ...]:
    features = list(features)
    scores = []
    for client, label, family, platform in MAJOR_CLIENTS:
        values, unsupported, partial = [], [], []
        for slug in features:
            support = client_support(slug, family, platform)
            if support in SUPPORT_VALUE:
                values.append(SUPPORT_VALUE[support])
                if support == "n":
                    unsupported.append(slug)
                elif support == "a":
                    partial.append(slug)
        score = round(100 * sum(values) / len(values), 1) if values else None
        scores.append(ClientScore(client, label, score, tuple(unsupported), tuple(partial)))
    return tuple(scores)


def require_email_safe(html: str, *, budget: int = SIZE_BUDGET) -> CheckReport:
    """``check_html`` for ``build``: a hard-rule violation is a RenderError naming the rules."""
    from maildigest.errors import RenderError

    report = check_html(html, budget=budget, name="newsletter.html", scores=False)
    if not report.ok:
        reasons = "; ".join(f"[{f.rule}] {f.message}" for f in report.failures)
        raise RenderError(f"the newsletter fails the email-safety check: {reasons}")
    return report


def _via(found: Mapping[str, set[str]]) -> list[str]:
    """Detail lines: each property and (up to three of) the selectors that set it."""
    return [
        f"{name} via {', '.join(sorted(selectors)[:3])}"
        for name, selectors in sorted(found.items())
    ]
