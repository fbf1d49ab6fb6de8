"""Line-level boilerplate rules no library offers for plain text.

Each rule describes a *kind* of page furniture by its shape and cue words
(share bars, follow-us lines, newsletter and cookie prompts, ad markers,
"read more" and related-story links, comment-section text, copyright lines,
photo credits, author bios, tag lists, breadcrumbs), not particular sites'
wording. Most rules only fire on short lines: a long sentence that merely
mentions Twitter or a newsletter is article text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

_NETWORKS = (
    r"facebook|twitter|x\.com|linkedin|whatsapp|pinterest|reddit|instagram|youtube|tiktok|"
    r"telegram|messenger|flipboard|tumblr|threads|mastodon|bluesky|google\+"
)
_SOCIAL = _NETWORKS + r"|e-?mail|print|sms|copy link|rss"
_NETWORK = re.compile(rf"(?<![\w.])(?:{_NETWORKS}|x)(?![\w+])", re.I)
NETWORK_LIST_MIN = 2
"""A short line naming this many networks, with few other words, is a follow or
share bar (``Stay connected: Facebook | Instagram``)."""
_SOCIAL_WORD = re.compile(
    rf"^(?:{_SOCIAL}|share|tweet|submit|pin|save|comment|link|on|to|via)$", re.I
)

_PATTERNS: dict[str, str] = {
    "share": rf"""
        ^(?:share|tweet|pin\s+it|(?:e-?mail|print|save|send)\s+(?:this|to\s+a\s+friend|article|story|
            page|for\s+later))\b.{{0,40}}$
      | ^click\s+to\s+(?:share|email|print|tweet)\b.*$
      | ^[\d.,]+\s*k?\s+(?:shares?|views?|reads?|likes?|reactions?)$
      | ^(?:add\s*this|sharing)\s+(?:sharing\s+)?buttons?$
      | ^(?:copy\s+(?:the\s+)?(?:article\s+|story\s+|page\s+)?link|save|
            bookmark(?:\s+this)?(?:\s+(?:article|story|page))?)$
      | ^gift\s+(?:this\s+)?(?:article|story)\b.{{0,30}}$
      | ^(?:text|font)\s+size\b.{{0,20}}$
      | ^a\s?[-+]?(?:\s+a\s?[-+]?){{1,3}}$
      | ^(?:{_SOCIAL})(?:\s+share\s+to\s+(?:{_SOCIAL}))?$
    """,
    "follow": rf"""
        ^(?:follow|(?:like|join|find|connect\s+with)\s+(?:us|our\s+page)|subscribe\s+to\s+our)\b
            (?:[^.!?]|\.(?=\S)){{0,60}}\b(?:{_SOCIAL})\b(?:[^.!?]|\.(?=\S)){{0,40}}[.!]?$
      | ^follow\s+(?:us|me|him|her|them)\b.{{0,60}}$
      | ^(?:join|get|subscribe\s+to|find|catch)\b(?=.*\b(?:our|us)\b)(?:[^.!?]|\.(?=\S)){{0,60}}
            \b(?:{_NETWORKS})\b.{{0,40}}$
    """,
    "newsletter": r"""
        ^newsletters?$
      | ^(?=.*\b(?:newsletters?|subscribe|unsubscribe|sign(?:ing)?[\s-]?up|sign\s+me\s+up|inbox|
            e-?mail\s+address|no\s+spam|alerts?|briefing|digest|round-?up|bulletin|mailing\s+list|
            (?:daily|weekly|morning|evening|free)\s+e-?mail|(?:enter|type|add|your)\s+(?:your\s+)?e-?mail|
            our\s+(?:[\w'’-]+\s+){0,2}e-?mails?)\b)
         (?=.*\b(?:you|your|our|us|me|free|delivered|inbox|sign(?:ing)?[\s-]?up|subscribe|unsubscribe|
            join|enter|get|never\s+miss)\b).{0,300}$
    """,
    "paywall": r"""
        ^(?=.*\b(?:subscri\w*|members?(?:hip)?|premium|unlimited|free\s+trial|paywall|unlock\w*|
            (?:free|remaining)\s+(?:articles?|stories|reads)|already\s+have\s+an\s+account|
            (?:log\s*in|sign\s+in|register)\b.{0,30}\b(?:keep|continue)\s+reading|
            \d+\s+(?:weeks?|months?)\s+for)\b)
        (?:(?:subscribe|become|join|start|unlock|get|try|upgrade|sign\s+up|log\s*in|sign\s+in|
            register|support|continue|keep)\b
          | .*\b(?:you|your|you've|you're|yours)\b
          | .*\balready\s+an?\s+(?:subscriber|member)\b
          | .*\b(?:for|to)\s+(?:our\s+)?(?:paying\s+|paid\s+|digital\s+|premium\s+)?
            (?:subscribers?|members?)(?:\s+only)?[.!]?$
          | .*\b(?:subscribers?|members?)[\s-]+(?:only|exclusive)(?:\s+(?:content|article|story|access))?
            [.!]?$
          | .*\b(?:log\s*in|sign\s+in|register)\b.{0,30}\b(?:keep|continue)\s+reading
          | already\s+have\s+an\s+account
          | (?=(?:\S+\s+){0,11}\S+$).*[$€£]\s?\d).{0,200}$
    """,
    "cookie": r"""
        ^.{0,200}\bcookies?\b.{0,200}\b(?:use|uses|using|accept|consent|policy|settings|browse|
            browsing|experience|website|site|opt[\s-]?out|preferences)\b.{0,200}$
      | ^.{0,200}\b(?:use|uses|using|accept|consent|policy|settings|browse|browsing|website|site)
            \b.{0,200}\bcookies?\b.{0,200}$
      | ^(?:i\s+)?(?:accept|agree|decline|reject|deny|allow|dismiss|ok(?:ay)?|got\s+it|close|
            continue|no,?\s+thanks|yes,?\s+i\s+agree)(?:\s+(?:all|cookies|and\s+close))?[.!]?$
      | ^(?:manage|cookie|privacy)\s+(?:preferences|settings|options|choices)$
      | ^we\s+(?:value|respect|care\s+about)\s+your\s+privacy\b.{0,200}$
    """,
    "advertisement": r"""
        ^[\W_]*(?:advertisement|advertising|advert|ads?|sponsored(?:\s+(?:content|post|links?|
            stories|by\b.{0,40}))?|promoted(?:\s+(?:content|stories|links?))?|paid\s+(?:content|post|
            partner(?:ship)?)|partner\s+content|presented\s+by\b.{0,40})[\W_]*$
      | ^(?:story|article|text|content)\s+continues\s+(?:below|after).{0,40}$
      | ^continue\s+reading\s+(?:the\s+main\s+story|below).{0,20}$
      | ^scroll\s+(?:down\s+)?to\s+continue.{0,40}$
      | ^.{0,30}\badvertisement\b.{0,30}$
    """,
    "read_more": r"""
        ^(?:continue\s+reading|keep\s+reading|read\s+on|read\s+more|read\s+the\s+(?:full|whole|
            entire|rest\s+of\s+(?:the|this)|complete|original)\s+(?:story|article|post|report|piece)|
            continue\s+to\s+(?:the\s+)?(?:article|story|site)|
            full\s+story|click\s+here|tap\s+here|view\s+(?:full|more|all|gallery)|see\s+more|
            learn\s+more|show\s+more|load\s+more|more\s+info)\b.{0,120}$
      | ^more\s*[»›>]+$
    """,
    "related": r"""
        ^(?:also\s+read|read\s+also|see\s+also|related(?:\s+(?:stories|articles?|posts?|content|
            coverage|reading|news|links|videos?|topics))?|more\s+(?:from|on|about|in)\b.{1,60}|
            more\s+(?:stories|news|articles|headlines|videos)|recommended(?:\s+(?:for\s+you|reading|
            stories|articles|videos))?|we\s+recommend|you\s+(?:may|might)\s+(?:also\s+)?(?:like|
            enjoy|be\s+interested(?:\s+in)?)|don'?t\s+miss|must\s+read|trending(?:\s+now)?|
            most\s+(?:popular|read|viewed|shared|watched)|popular(?:\s+(?:now|stories|posts))?|
            latest(?:\s+(?:news|stories|posts|videos))|top\s+stories|editor'?s\s+picks?|
            further\s+reading|(?:next|previous|prev)\s+(?:article|story|post|page)|up\s+next|
            read\s+next|next\s+up|keep\s+exploring|explore\s+more|elsewhere(?:\s+(?:on|in)\s+\S+)?|
            you\s+(?:may|might)\s+have\s+missed|
            post\s+navigation|in\s+case\s+you\s+missed\s+it|what\s+to\s+read\s+next|
            suggested(?:\s+\w+)?|recent(?:\s+(?:content|posts|stories|articles|news))?|
            watch(?:\s+now|\s+next)?|listen(?:\s+now)?|sponsored\s+stories)
            \b\s*(?:[:|»›>\-–—]|$).{0,200}$
    """,
    "comments": r"""
        ^(?:[\d.,]+\s*k?\s+)?(?:(?:top|best|most|reader|readers'?|recent|latest|featured|all)\s+
            (?:rated\s+|liked\s+)?)?(?:comments?|replies|responses)(?:\s*\(\s*\d*\s*\)?)?\s*:?$
      | ^(?:view|show|hide|load|read|see|post|add|leave|write|join|start)\s+(?:\w+\s+){0,2}
            (?:comments?|conversation|discussion|reply|response)\b.{0,60}$
      | ^comments?\s+(?:are|is)\s+(?:closed|disabled|moderated)\b.*$
      | ^be\s+the\s+first\s+to\s+(?:comment|reply|respond)\b.{0,40}$
      | ^.{0,80}\b(?:comment(?:ing)?\s+(?:rules|policy|guidelines)|community\s+(?:standards|
            guidelines|rules)|powered\s+by\s+disqus|akismet|required\s+fields\s+are\s+marked|
            will\s+not\s+be\s+published|for\s+the\s+next\s+time\s+i\s+comment|
            (?:log|sign)\s+in\s+(?:or\s+register\s+)?to\s+(?:comment|reply|post)|
            must\s+be\s+logged\s+in)\b.{0,160}$
      | ^(?:comment|name|e-?mail|website|message|reply)\s*\*?$
      | ^[\w.\-]{2,40}\s+(?:says|said|wrote|replied):$
      | ^(?:leave\s+a\s+(?:reply|comment)|permalink)\b.{0,60}$
      | ^(?:reply|report(?:\s+abuse)?|flag|like|dislike|upvote|downvote)$
    """,
    "copyright": r"""
        ^(?:©|\(c\)|copyright\b|all\s+rights\s+reserved).{0,240}$
      | ^.{0,160}\ball\s+rights\s+reserved\b.{0,160}$
      | ^.{0,60}\bcopyright\b.{0,60}\b(?:19|20)\d\d\b[^.]{0,40}$
      | ^.{0,60}\b(?:reproduction|republication|redistribution)\b.{0,60}\b(?:prohibited|forbidden|
            not\s+(?:permitted|allowed))\b.{0,60}$
      | ^.{0,80}\bmay\s+not\s+be\s+(?:published|reproduced|broadcast|rewritten|redistributed)\b.{0,160}$
      | ^.{0,60}\b(?:terms\s+of\s+(?:use|service)|privacy\s+(?:policy|notice)|cookie\s+policy)\b.{0,60}$
    """,
    "caption": r"""
        ^(?:file\s+)?(?:photo|image|picture|photograph)s?\.?$
      | ^(?:click|tap)\s+(?:to|for)\s+(?:enlarge|expand|zoom|view\s+larger)\b.{0,40}$
      | ^\(?\s*(?:photo|image|picture|photograph|video|graphic|illustration|credit|pictured|gallery|
            file\s+photo|top\s+image|main\s+image|header\s+image|featured\s+image|caption|
            source|footage)s?(?:\s+credits?)?\s*(?:[:|/]|by\b).{0,160}$
      | ^.{0,60}(?:/|\(|\bphoto\b|\bimage\b|\bcredit\b).{0,40}\b(?:getty\s+images|ap|afp|
            reuters|shutterstock|istock(?:photo)?|alamy|epa|pa\s+(?:images|wire)|bloomberg|
            associated\s+press|wireimage)\b[\s)\]]*\.?$
      | ^.{0,80}\((?:ap|afp|reuters|getty|epa|pa)(?:\s+(?:photo|images?))?\s*/[^)]{1,60}\)\s*$
      | ^(?:image|photo|picture|slide|gallery)\s+\d+\s+(?:of|/)\s+\d+$
      | ^\d+\s+(?:of|/)\s+\d+$
      | ^(?:image|photo)\s+(?:copyright|courtesy|source)\b.{0,80}$
      | ^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w.&'’ -]{1,40}$
    """,
    "author_bio": r"""
        ^(?:[\w -]{0,20}:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$
      | ^.{0,200}\b(?:him|her|them|me|author|writer|reporter|correspondent|columnist|journalist|
            editor|tips?)\b.{0,200}\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b.{0,100}$
      | ^.{0,100}\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b.{0,200}\b(?:him|her|them|me|author|writer|
            reporter|correspondent|columnist|journalist|editor|tips?)\b.{0,200}$
      | ^(?:about\s+the\s+(?:author|writer|reporter)|author\s+bio|contact\s+the\s+(?:author|writer))
            \b.{0,300}$
      | ^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:is|was|has\s+been)\s+(?:a|an|the|our)\s+
            .{0,60}\b(?:writer|reporter|correspondent|columnist|journalist|contributor|editor|
            producer|blogger|freelancer|intern)\b.{0,200}$
      | ^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+has\s+(?:written|reported|covered)\s+for\b.{0,160}$
      | ^.{0,120}\bfollow\s+(?:him|her|them|me)\s+on\b.{0,80}$
    """,
    "tags": r"""
        ^(?:tags?|tagged(?:\s+(?:with|in|as))?|topics?|filed\s+(?:under|in)|posted\s+(?:in|under)|
            categor(?:y|ies)|keywords?|related\s+topics|subjects?|more\s+about|sections?)\s*[:|].{0,200}$
    """,
    "breadcrumb": r"""
        ^you\s+are\s+(?:here|at)\b.{0,120}$
    """,
    "widget": r"""
        ^(?:listen\s+(?:to\s+)?(?:this|the)\s+(?:article|story|episode)|audio\s+version|
            loading|please\s+wait|report\s+(?:an\s+error|a\s+correction|a\s+typo)|
            suggest\s+a\s+correction|(?:please\s+)?enable\s+javascript|
            (?:please\s+)?(?:turn\s+on|activate)\s+javascript|
            this\s+(?:content|video|article|slideshow|feature)\s+(?:is\s+for\s+subscribers|requires|is\s+not\s+available)|
            already\s+a\s+subscriber|subscribe\s+to\s+(?:continue|read)|
            (?:to\s+)?continue\s+reading,?\s+(?:please\s+)?(?:log|sign|subscribe)|
            you\s+have\s+\d+\s+free\s+(?:articles?|stories|reads)|
            support\s+(?:our|independent|quality)\s+journalism|donate(?:\s+now|\s+today)?|
            (?:get|download|install)\s+(?:the|our)\s+(?:free\s+)?app|watch\s+(?:the\s+)?video|
            this\s+(?:article|story|piece)\s+is\s+(?:more\s+than|over)\s+\d+\s+\w+\s+old|
            (?:got|have)\s+a\s+(?:news\s+)?(?:tip|story)|contact\s+(?:our|the)\s+(?:newsroom|news\s?desk))
            \b.{0,120}$
      | ^.{0,60}\b(?:requires|enable)\s+javascript\b.{0,60}$
    """,
    "link": r"""
        ^\[[^\]]{1,40}\]:\s*\S+.{0,120}$
      | ^[(<]?(?:https?://|www\.)\S+[)>]?$
    """,
    "navigation": r"""
        ^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation)|back\s+to\s+(?:the\s+)?(?:top|main\s+menu|
            home(?:page)?)|top\s+of\s+(?:the\s+)?page|
            (?:main\s+)?menu|home(?:page)?|search|sign\s+in|log\s*in|log\s*out|sign\s+out|register|
            my\s+account|subscribe\s+now|close|toggle\s+navigation|open\s+menu|sections|
            all\s+sections|more\s+sections|print\s+this\s+page|top|read\s+later|save\s+for\s+later|
            bookmark|watchlist)\W*$
    """,
}


@functools.cache
def _rule(kind: str) -> re.Pattern[str]:
    """Compiled on first use: a rule is only needed once a line short enough for it
    has one of its cues (most articles compile few of them; all cost ~12 ms)."""
    return re.compile(_PATTERNS[kind], re.I | re.X)


_SHORT_ONLY = {
    "share": 14,
    "follow": 16,
    "newsletter": 24,
    "paywall": 25,
    "cookie": 80,
    "advertisement": 10,
    "read_more": 25,
    "related": 30,
    "comments": 40,
    "copyright": 45,
    "caption": 18,
    "author_bio": 45,
    "tags": 40,
    "breadcrumb": 20,
    "widget": 25,
    "link": 25,
    "navigation": 5,
}
"""Rules that only apply to lines of at most this many words."""

_SOCIAL_CUES = (
    "facebook", "twitter", "x.com", "linkedin", "whatsapp", "pinterest", "reddit", "instagram",
    "youtube", "tiktok", "telegram", "messenger", "flipboard", "tumblr", "threads", "mastodon",
    "bluesky", "google+", "mail", "print", "sms", "copy link", "rss",
)  # fmt: skip
_CUES: dict[str, tuple[str, ...]] = {
    "share": ("share", "tweet", "pin", "save", "send", "view", "read", "like", "reaction", "sharing",
              "add", "link", "bookmark", "gift", "size", "a", *_SOCIAL_CUES),
    "follow": ("follow", "like", "join", "find", "connect", "subscribe", "get", "catch"),
    "newsletter": ("newsletter", "subscribe", "sign", "inbox", "mail", "spam", "alert", "briefing",
                   "digest", "round", "bulletin"),
    "paywall": ("subscri", "member", "premium", "unlimited", "trial", "paywall", "unlock", "free",
                "remaining", "account", "reading", "for"),
    "cookie": ("cookie", "privacy", "manage", "accept", "agree", "decline", "reject", "deny",
               "allow", "dismiss", "ok", "got", "close", "continue", "no", "yes"),
    "advertisement": ("ad", "sponsored", "promoted", "paid", "partner", "presented", "continue",
                      "scroll"),
    "read_more": ("read", "continue", "full", "click", "tap", "view", "see", "learn", "show", "load",
                  "more", "info"),
    "related": ("read", "see", "related", "more", "recommend", "you", "miss", "trending", "most",
                "explor", "elsewhere",
                "popular", "latest", "top", "pick", "further", "next", "previous", "prev", "post",
                "suggested", "recent", "watch", "listen", "sponsored"),
    "comments": ("comment", "repl", "respon", "conversation", "discussion", "standards",
                 "guidelines", "rules", "disqus", "akismet", "required", "published", "log", "sign",
                 "name", "mail", "website", "message", "says", "said", "wrote", "permalink",
                 "report", "flag", "like", "vote"),
    "copyright": ("©", "(c)", "copyright", "rights", "production", "publication", "distribution",
                  "published", "reproduced", "broadcast", "rewritten", "redistributed", "terms",
                  "privacy", "cookie"),
    "caption": ("photo", "image", "picture", "click", "tap", "video", "graphic", "illustration",
                "credit", "gallery", "caption", "source", "footage", "/", "(", "slide", "of",
                "courtesy"),
    "author_bio": ("@", "author", "writer", "reporter", "correspondent", "columnist", "journalist",
                   "contributor", "editor", "producer", "blogger", "freelancer", "intern",
                   "written", "reported", "covered", "follow"),
    "tags": (":", "|"),
    "breadcrumb": ("you",),
    "widget": ("listen", "audio", "loading", "wait", "report", "correction", "javascript", "this",
               "subscri", "continue", "free", "journalism", "donate", "app", "video", "got", "have",
               "contact"),
    "link": ("]:", "http", "www."),
    "navigation": ("skip", "back", "top", "menu", "home", "search", "sign", "log", "register",
                   "account", "subscribe", "close", "navigation", "sections", "print", "later",
                   "bookmark", "watchlist"),
}  # fmt: skip
"""Every line a rule matches contains (casefolded) at least one of its cues, so a
line with none of them skips the rule without compiling it: most article lines
never compile most rules. The tests prove each rule needs its cues."""

LIST_HEADER = re.compile(
    r"""^(?:related|more\s+(?:from|on|in|stories|news|articles|headlines|videos)|recommended|
        we\s+recommend|you\s+(?:may|might)|most\s+(?:popular|read|viewed|shared)|popular|
        trending|latest|recent|top\s+stories|editor'?s\s+picks?|further\s+reading|next\s+(?:article|story|post)|
        tags?|topics?|keywords?|categor(?:y|ies)|filed\s+under|read\s+(?:more|also|next)|also\s+read|
        see\s+also|keep\s+exploring|explore\s+more|elsewhere|up\s+next|next\s+up)\b(?:\s+[\w.'’-]+){0,3}[\s:.…»›>|-]*$""",
    re.I | re.X,
)
"""A heading that starts a list of links or tags ("Related Articles", "TOPICS:")."""


_LEADING_SYMBOLS = re.compile("^[\\s\u2190-\u2bff\U0001f000-\U0001faff\ufe0f•·►▶→»>*~|_–—-]+")
"""Icons and bullets in front of a widget's label ("📧 Email", "► Related: …")."""


_TEASER_QUESTION = re.compile(r"^[^.?!]{3,60}\?\s+(?=\S)")
_PROMPTS = frozenset({"share", "follow", "newsletter", "paywall", "widget", "read_more", "related"})
"""Kinds that are calls to action: a short question before one is part of it."""


PREFILTER_MIN_LINES = 2_000
"""From this many lines on, each line is first matched against one combined
pattern of the rules its length allows (a 20 MB page: 14 s -> 7 s); compiling
those costs a few ms each, so small articles go without."""


@functools.cache
def _eligible(words: int) -> tuple[str, ...]:
    """The rules (in priority order) that apply to a line of ``words`` words."""
    return tuple(kind for kind in _PATTERNS if words <= _SHORT_ONLY.get(kind, words))


@functools.cache
def _any_of(kinds: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_PATTERNS[kind]}\n)" for kind in kinds), re.I | re.X)


def boilerplate_kinds(lines: Sequence[str]) -> list[str | None]:
    """``boilerplate_kind`` of each line."""
    prefilter = len(lines) >= PREFILTER_MIN_LINES
    return [boilerplate_kind(line, prefilter=prefilter) for line in lines]


def boilerplate_kind(line: str, *, prefilter: bool = False) -> str | None:
    """The kind of page furniture ``line`` is, or None for article text."""
    text = _LEADING_SYMBOLS.sub("", line.strip())
    if not text:
        return None
    kinds = _eligible(len(text.split()))
    if prefilter:  # long pages: every rule gets compiled anyway, one combined match is faster
        if kinds and not _any_of(kinds).match(text):
            kinds = ()
    else:
        folded = text.casefold()
        kinds = tuple(k for k in kinds if any(cue in folded for cue in _CUES[k]))
    for kind in kinds:
        if _rule(kind).match(text):
            return kind
    teaser = _TEASER_QUESTION.match(text)
    if teaser:  # "Don't want to miss a story? Follow us on …": the prompt after the question
        kind = boilerplate_kind(text[teaser.end() :], prefilter=prefilter)
        if kind in _PROMPTS:
            return kind
    tokens = re.findall(r"[\w+.]+", text)
    if len(tokens) >= 2 and all(_SOCIAL_WORD.match(t) for t in tokens):
        return "share"
    if _lists_networks(text, tokens):
        return "follow"
    if _is_breadcrumb(text):
        return "breadcrumb"
    return None


def _lists_networks(text: str, tokens: list[str]) -> bool:
    """Mostly social network names, not a sentence about them (``The clip spread
    on TikTok and Instagram.`` is text: it ends a sentence and has more words)."""
    if len(tokens) > _SHORT_ONLY["follow"] or text.rstrip().endswith("."):
        return False
    networks = len({m.casefold() for m in _NETWORK.findall(text)})
    return networks >= NETWORK_LIST_MIN and 3 * networks >= len(tokens)


_CRUMB_SEPARATOR = re.compile(r"(?<!\s)\s*(?:[>»›‹]|\s/\s|/)\s*")
"""Tried from the start of a run of spaces only: linear on a line of 100,000 spaces."""


def _is_breadcrumb(text: str) -> bool:
    """``Home / News / World`` or ``News › Local``: short capitalised trail segments.
    A single ``/`` needs a third segment (``Season 2 / Episode guide`` is a headline)."""
    parts = [p for p in _CRUMB_SEPARATOR.split(text) if p.strip()]
    arrows = bool(re.search(r"[>»›‹]", text))
    if len(parts) < (2 if arrows else 3) or not any(c in text for c in "/>»›‹"):
        return False
    return all(len(p.split()) <= 3 and p.strip()[:1].isupper() for p in parts)


def starts_list(line: str) -> bool:
    """A heading after which a run of short link or tag lines follows."""
    return bool(LIST_HEADER.match(line.strip()))
