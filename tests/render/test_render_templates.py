"""User template folders override ours file by file; build refuses unsafe output."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import synthetic_articles as synthetic
from synthetic_articles import Render
from typer.testing import CliRunner

import maildigest
from maildigest.cli import app
from maildigest.config import Settings
from maildigest.errors import ConfigError, RenderError

FOOTER = "partials/footer.mjml.j2"


def template_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "my-templates"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


CUSTOM_FOOTER = """<mj-section css-class="md-footer"><mj-column><mj-text>
<p class="md-muted">Custom footer for {{ email.brand.name }}</p>
<p><a href="{{ email.footer.unsubscribe_url }}">Unsubscribe</a></p>
</mj-text></mj-column></mj-section>
"""


def test_one_user_file_overrides_ours_and_the_rest_falls_back(
    render: Render, tmp_path: Path
) -> None:
    folder = template_folder(tmp_path, {FOOTER: CUSTOM_FOOTER})
    newsletter = render(template_dir=str(folder), brand_name="<i>Harbour</i>")
    root = lxml.html.document_fromstring(newsletter.html)
    footer = root.xpath("//*[contains(@class, 'md-footer')]")[0].text_content()
    # theirs, still autoescaped
    assert "Custom footer for <i>Harbour</i>" in footer and not root.xpath("//i")
    assert "Sent by" not in footer
    # ours for everything else
    assert root.xpath("//p[@class='md-brand']")[0].text_content() == "<i>Harbour</i>"
    assert root.xpath("//h2[@class='md-title']")
    assert "Sent by maildigest" in newsletter.text


def test_user_text_template_overrides_only_the_text_part(render: Render, tmp_path: Path) -> None:
    folder = template_folder(
        tmp_path, {"newsletter.txt.j2": "{{ email.subject }} ({{ email.stories | length }})\n"}
    )
    newsletter = render(count=2, template_dir=str(folder))
    assert newsletter.text == f"{newsletter.subject} (2)\n"
    assert lxml.html.document_fromstring(newsletter.html).xpath("//h2[@class='md-title']")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<mj-section>{% if %}</mj-section>", r"template error in .*footer\.mjml\.j2:1"),
        ("<mj-section>{{ email.nope }}</mj-section>", "unknown variable"),
        ("<mj-section><mj-column><mj-text>unclosed", "MJML could not render"),
    ],
)
def test_broken_user_templates_are_render_errors(
    render: Render, tmp_path: Path, text: str, message: str
) -> None:
    folder = template_folder(tmp_path, {FOOTER: text})
    with pytest.raises(RenderError, match=message):
        render(template_dir=str(folder))


def test_missing_template_folder_is_a_config_error(render: Render, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="template folder not found"):
        render(template_dir=str(tmp_path / "absent"))


def test_build_fails_on_its_own_unsafe_output_and_writes_nothing(tmp_path: Path) -> None:
    no_unsubscribe = CUSTOM_FOOTER.replace("Unsubscribe", "Preferences").replace(
        "{{ email.footer.unsubscribe_url }}", "https://example.com/prefs"
    )
    folder = template_folder(tmp_path, {FOOTER: no_unsubscribe})
    out = tmp_path / "out"
    articles = [s.article for s in synthetic.stories(2)]
    with pytest.raises(RenderError, match=r"email-safety check: \[footer\.unsubscribe\]"):
        maildigest.build(articles, out_dir=out, settings=Settings(template_dir=str(folder)))
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_reports_an_unsafe_template_with_exit_code_6(tmp_path: Path) -> None:
    script_footer = CUSTOM_FOOTER.replace(
        "</mj-text>", "</mj-text><mj-raw><script>track()</script></mj-raw>"
    )
    folder = template_folder(tmp_path, {FOOTER: script_footer})
    (article,) = synthetic.write_article_files(tmp_path, 1)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(article), "--out", str(out), "--template", str(folder)]
    )
    assert result.exit_code == 6, result.output
    assert "[element.script]" in result.output
    assert not (out / "newsletter.html").exists()
