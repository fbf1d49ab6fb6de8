"""Placeholders: filled per recipient, escaped for where they land, with fallbacks."""

from __future__ import annotations

from maildigest.send.personalize import compile_html, fill_html, fill_text, has_placeholders

EVIL = {"email": "a+b@example.com", "name": '<script>alert("x")</script> & Co', "plan": ""}


def test_html_values_are_escaped():
    html = fill_html("<p>Hi {{ recipient.name }}!</p>", EVIL)
    assert html == "<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co!</p>"


def test_fallback_for_missing_or_empty_fields():
    text = "{{ recipient.plan | default('free') }} / {{recipient.nickname|default(\"friend\")}} / [{{ recipient.nothing }}]"
    assert fill_text(text, EVIL) == "free / friend / []"


def test_html_escaped_quotes_in_default_still_match():
    # the build step HTML-escapes quotes in text nodes
    assert fill_html("Hi {{ recipient.x | default(&quot;reader&quot;) }}", {}) == "Hi reader"
    assert fill_html("Hi {{ recipient.x | default(&#34;A &amp; B&#34;) }}", {}) == "Hi A &amp; B"


def test_placeholders_in_links_are_url_encoded():
    html = '<a href="https://x.org/u?e={{%20recipient.email%20}}&amp;n={{ recipient.name }}">u</a>'
    filled = fill_html(html, EVIL)
    assert filled == (
        '<a href="https://x.org/u?e=a%2Bb@example.com&amp;n='
        '%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E%20%26%20Co">u</a>'
    )


def test_text_urls_are_encoded_and_other_text_is_single_line():
    text = "Hi {{ recipient.name }}\nUnsubscribe: https://x.org/u?e={{ recipient.email }}\n"
    fields = {"email": "a b@example.com", "name": "Ann\r\nBcc: x@y.z"}
    assert fill_text(text, fields) == (
        "Hi Ann Bcc: x@y.z\nUnsubscribe: https://x.org/u?e=a%20b@example.com\n"
    )


def test_placeholder_wrapped_across_lines_by_the_text_template():
    text = 'Weekly news for {{ recipient.name |\ndefault("you") }}'
    assert fill_text(text, {"name": "Ann"}) == "Weekly news for Ann"


def test_field_names_are_case_insensitive_and_other_braces_untouched():
    text = "{{ Recipient.Name }} {{ other.thing }} {{ recipient.name"
    assert fill_text(text, {"name": "Ann"}) == "Ann {{ other.thing }} {{ recipient.name"
    assert has_placeholders(text) and not has_placeholders("{{ other.thing }}")


def test_a_compiled_template_is_cached_and_filled_per_recipient():
    text = (
        '<a href="https://x.org/?e={{ recipient.email }}">{{ recipient.name | default("you") }}</a>'
    )
    template = compile_html(text)
    assert compile_html(text) is template
    assert len(template.slots) == 2
    assert (
        template.fill({"email": "a@x.org", "name": "Ann"})
        == '<a href="https://x.org/?e=a@x.org">Ann</a>'
    )
    assert template.fill({"email": "b c@x.org"}) == '<a href="https://x.org/?e=b%20c@x.org">you</a>'


def test_nul_characters_cannot_forge_a_slot():
    assert fill_text("a\x000\x00b {{ recipient.name }}", {"name": "N"}) == "a0b N"
