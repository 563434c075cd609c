"""Schemathesis hooks for Roster's API (scripts/api_fuzz.sh loads them).

A bounce report is signed over its body with the bounce secret, as Roster signs its webhooks,
so the signature is made per request, from the body Schemathesis is about to send (requests
serialises `json=` with the standard library's defaults, which is what is signed here)."""

import hashlib
import hmac
import json
import os
import time

import schemathesis


def sent_mail_return_path():
    """The return path of a mail the server sent (`bounces+<id>.<tag>@fuzz.test`), made as
    Roster makes it: the tag is the HMAC of "return-path:<id>", its first 16 hex digits."""
    mail = os.environ["ROSTER_SENT_MAIL_ID"]
    secret = os.environ["ROSTER_BOUNCE_SECRET"].encode()
    tag = hmac.new(secret, f"return-path:{mail}".encode(), hashlib.sha256).hexdigest()[:16]
    return f"bounces+{mail}.{tag}@fuzz.test"


@schemathesis.hook("map_body").apply_to(path="/mail/bounces")
def report_a_sent_mail(context, body):
    """A well-formed report names a mail that went out, so that it reaches the recording (the
    first is recorded, the rest are replays); a made-up return path would only ever be 422."""
    if isinstance(body, dict) and isinstance(body.get("return_path"), str):
        return {**body, "return_path": sent_mail_return_path()}
    return body


@schemathesis.auth(refresh_interval=None).apply_to(path="/mail/bounces")
class BounceSignature:
    def get(self, case, context):
        return os.environ["ROSTER_BOUNCE_SECRET"]

    def set(self, case, data, context):
        timestamp = str(int(time.time()))
        try:
            body = json.dumps(case.body, allow_nan=False).encode()
        except (TypeError, ValueError):
            body = b""
        digest = hmac.new(data.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
        case.headers = case.headers or {}
        case.headers["Roster-Signature"] = f"t={timestamp},v1={digest.hexdigest()}"

