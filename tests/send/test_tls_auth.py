"""TLS (STARTTLS and implicit) with a self-signed certificate, and AUTH PLAIN/LOGIN."""

from __future__ import annotations

import pytest

from maildigest.errors import SendError
from maildigest.send import TlsMode, send_newsletter
from maildigest.send.recipients import from_addresses

ONE = from_addresses(["a@example.com"])


def test_starttls_with_untrusted_self_signed_certificate_is_refused(
    start_server, certificate, newsletter, fast
):
    server = start_server(tls_context=certificate.server_context())
    with pytest.raises(SendError, match=r"certificate of 127\.0\.0\.1 not trusted.*--ca-file"):
        send_newsletter(newsletter, ONE, fast(server.url()))
    assert server.sink.received() == []


def test_starttls_with_trusted_ca_file_is_used_in_auto_mode(
    start_server, certificate, newsletter, fast
):
    server = start_server(tls_context=certificate.server_context())
    report = send_newsletter(newsletter, ONE, fast(server.url(), ca_file=certificate.cert))
    assert report.exit_code == 0
    assert server.sink.encrypted == [True]


def test_tls_none_stays_in_clear_text_even_when_starttls_is_offered(
    start_server, certificate, newsletter, fast
):
    server = start_server(tls_context=certificate.server_context())
    send_newsletter(newsletter, ONE, fast(server.url(), tls=TlsMode.none))
    assert server.sink.encrypted == [False]


def test_starttls_mode_requires_the_server_to_offer_it(server, newsletter, fast):
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send_newsletter(newsletter, ONE, fast(server.url(), tls=TlsMode.starttls))


def test_implicit_tls_smtps(start_server, certificate, newsletter, fast):
    server = start_server(ssl_context=certificate.server_context())
    url = server.url(scheme="smtps")
    with pytest.raises(SendError, match="not trusted"):
        send_newsletter(newsletter, ONE, fast(url))
    report = send_newsletter(newsletter, ONE, fast(url, ca_file=certificate.cert))
    assert report.exit_code == 0 and server.sink.encrypted == [True]


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_auth_mechanisms(start_server, newsletter, fast, credentials, mechanism):
    user, password = credentials
    other = {"PLAIN": "LOGIN", "LOGIN": "PLAIN"}[mechanism]
    server = start_server(auth=True, auth_exclude_mechanism=[other])
    report = send_newsletter(newsletter, ONE, fast(server.url(user=user), password=password))
    assert report.exit_code == 0
    assert server.sink.mechanisms == [mechanism]


def test_auth_over_starttls(start_server, certificate, newsletter, fast, credentials):
    user, password = credentials
    server = start_server(auth=True, tls_context=certificate.server_context())
    options = fast(server.url(user=user), password=password, ca_file=certificate.cert)
    assert send_newsletter(newsletter, ONE, options).exit_code == 0
    assert server.sink.encrypted == [True] and server.sink.mechanisms


def test_wrong_password_stops_the_run_without_showing_the_password(
    start_server, newsletter, fast, credentials
):
    user = credentials[0]
    server = start_server(auth=True)
    with pytest.raises(SendError, match=f"authentication as {user} failed: 535") as caught:
        send_newsletter(newsletter, ONE, fast(server.url(user=user), password="wrong-Secret-123"))
    assert "wrong-Secret-123" not in str(caught.value)
    assert server.sink.received() == []


def test_password_from_environment(start_server, newsletter, fast, credentials, monkeypatch):
    user, password = credentials
    server = start_server(auth=True)
    monkeypatch.setenv("MAILDIGEST_SMTP_PASSWORD", password)
    report = send_newsletter(newsletter, ONE, fast(server.url(user=user), password=None))
    assert report.exit_code == 0
