"""Malformed requests to every server function of a running Roster; prints a table of outcomes.

Usage: fuzz.py BASE_URL README.md  (the server functions are read from the README's table).
"""
import http.client
import json
import re
import sys
import urllib.parse
from collections import Counter, defaultdict

base = urllib.parse.urlparse(sys.argv[1])
readme = open(sys.argv[2], encoding="utf-8").read()
functions = sorted(set(re.findall(r"`/api/([a-z_]+)`", readme)))


def request(method, path, body=b"", content_type="application/x-www-form-urlencoded", cookie=None):
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    headers = {"Sec-Fetch-Site": "same-origin", "Content-Type": content_type}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    cookie_header = response.getheader("Set-Cookie")
    connection.close()
    return response.status, payload, cookie_header


# A signed-in owner of one account, so that functions get past authentication.
status, _, set_cookie = request(
    "POST", "/api/sign_up",
    b"email=fuzz-owner@bench.test&display_name=Fuzz&password=fuzzing-password-1",
)
cookie = set_cookie.split(";")[0] if set_cookie else None
status, payload, _ = request("POST", "/api/create_account", b"name=Fuzzed", cookie=cookie)
account = json.loads(payload)

form = "application/x-www-form-urlencoded"
bodies = [
    ("empty body", form, b""),
    ("only the account", form, f"account_id={account}".encode()),
    ("every field twice", form, f"account_id={account}&account_id=x&name=a&name=b&role_id=x&role_id=y".encode()),
    ("indexed keys", form, f"account_id={account}&roles[0]=a&x[0]=1&x[1][y]=2".encode()),
    ("page not a number", form, f"account_id={account}&page=abc".encode()),
    ("broken escapes", form, b"account_id=%zz&name=%&emails=%E0%A4%A"),
    ("not UTF-8", form, b"account_id=\xff\xfe&name=\xc3\x28"),
    ("no equals signs", form, b"&&&=&==&account_id"),
    ("JSON body", "application/json", json.dumps({"account_id": account}).encode()),
    ("multipart body", "multipart/form-data; boundary=x",
     b'--x\r\nContent-Disposition: form-data; name="account_id"\r\n\r\nx\r\n--x--\r\n'),
    ("body over the cap", form, f"account_id={account}&name=".encode() + b"a" * 100_000),
]

by_function = defaultdict(Counter)
# Signing out last keeps the owner signed in for the rest.
for function in sorted(functions, key=lambda name: name == "sign_out"):
    method = "GET" if function == "audit_log_csv" else "POST"
    for _, content_type, body in bodies:
        if method == "GET":
            if len(body) > 8192:
                continue
            # A request line must be ASCII: bytes beyond it travel percent-encoded.
            query = "".join(chr(b) if 32 < b < 127 else f"%{b:02X}" for b in body)
            status, _, _ = request("GET", f"/api/{function}?{query}", cookie=cookie)
        else:
            status, _, _ = request("POST", f"/api/{function}", body, content_type, cookie)
        by_function[function][status] += 1

total = Counter()
for counts in by_function.values():
    total.update(counts)
statuses = sorted(total)
print(f"| function | requests | " + " | ".join(str(s) for s in statuses) + " |")
print("|---|---|" + "---|" * len(statuses))
for function in sorted(by_function):
    counts = by_function[function]
    print(f"| `{function}` | {sum(counts.values())} | " + " | ".join(str(counts.get(s, 0)) for s in statuses) + " |")
print(f"| **all {len(by_function)}** | {sum(total.values())} | " + " | ".join(str(total[s]) for s in statuses) + " |")
server_errors = sum(count for status, count in total.items() if status >= 500)
print(f"\n5xx answers: {server_errors}")
sys.exit(1 if server_errors else 0)
