#!/usr/bin/env python3
"""Writes the signed sample API Gateway (HTTP API, payload 2.0) events in events/github-webhook/.

Every event is signed with the documented sample secret, except the ones that test a bad or missing
signature. Edit a payload or add a scenario here, then run:

    python3 functions/github-webhook/tools/sample_events.py

SampleEventsTest re-checks every file's signature and outcome, so a hand edit that breaks a
signature fails the build.
"""
import base64
import hashlib
import hmac
import json
import pathlib
import urllib.parse

SECRET = "shipgate-local-webhook-secret"
WRONG_SECRET = "not-the-configured-secret"
REPO = "octo-org/hello-shipgate"
ROOT = pathlib.Path(__file__).resolve().parents[3]
OUT = ROOT / "events" / "github-webhook"

MAIN_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
BEFORE_SHA = "e3a7c7f1a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6"
FEATURE_SHA = "4f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"
TAG_OBJECT_SHA = "b1f0c5e2d4a3968778695a4b3c2d1e0f9a8b7c6d"
ZERO = "0" * 40


def repository():
    return {
        "id": 186853002, "node_id": "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=", "name": "hello-shipgate",
        "full_name": REPO, "private": True,
        "owner": {"name": "octo-org", "login": "octo-org", "id": 6811672, "type": "Organization"},
        "html_url": f"https://github.com/{REPO}", "url": f"https://github.com/{REPO}",
        "default_branch": "main", "master_branch": "main", "pushed_at": 1764282000,
    }


def author():
    return {"name": "Mona Lisa Octocat", "email": "mona@example.com", "username": "monalisa"}


def commit(sha, message):
    return {
        "id": sha, "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433", "distinct": True,
        "message": message, "timestamp": "2026-11-27T22:00:00Z",
        "url": f"https://github.com/{REPO}/commit/{sha}",
        "author": author(), "committer": {"name": "GitHub", "email": "noreply@github.com", "username": "web-flow"},
        "added": [], "removed": [], "modified": ["app/main.py"],
    }


def push(ref, after, message, before=BEFORE_SHA, head=None, deleted=False, created=False):
    head_sha = head or after
    head_commit = None if deleted else commit(head_sha, message)
    return {
        "ref": ref, "before": before, "after": after,
        "repository": repository(),
        "pusher": {"name": "monalisa", "email": "mona@example.com"},
        "organization": {"login": "octo-org", "id": 6811672},
        "sender": {"login": "monalisa", "id": 583231, "type": "User"},
        "created": created, "deleted": deleted, "forced": False, "base_ref": None,
        "compare": f"https://github.com/{REPO}/compare/{before[:12]}...{after[:12]}",
        "commits": [] if deleted else [head_commit],
        "head_commit": head_commit,
    }


def ping(content_type):
    return {
        "zen": "Keep it logically awesome.",
        "hook_id": 512345678,
        "hook": {
            "type": "Repository", "id": 512345678, "name": "web", "active": True,
            "events": ["push"],
            "config": {"content_type": content_type, "insecure_ssl": "0", "secret": "********",
                       "url": "https://abc123.execute-api.eu-west-1.amazonaws.com/webhook"},
            "updated_at": "2026-11-27T21:58:00Z", "created_at": "2026-11-27T21:58:00Z",
            "url": f"https://api.github.com/repos/{REPO}/hooks/512345678",
        },
        "repository": repository(),
        "sender": {"login": "monalisa", "id": 583231, "type": "User"},
    }


def event(name, github_event, delivery, payload, content_type="application/json", form=False, base64_body=False,
          secret=SECRET, signed=True, raw_body=None, drop_headers=()):
    if raw_body is not None:
        body = raw_body.encode()
    else:
        text = json.dumps(payload, separators=(",", ":"))
        body = ("payload=" + urllib.parse.quote_plus(text)).encode() if form else text.encode()
    headers = {
        "accept": "*/*",
        "content-length": str(len(body)),
        "content-type": content_type,
        "host": "abc123.execute-api.eu-west-1.amazonaws.com",
        "user-agent": "GitHub-Hookshot/6a5b1c2",
        "x-amzn-trace-id": "Root=1-6928c9f0-2f1e0d9c8b7a69584736251a",
        "x-forwarded-for": "140.82.115.20",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https",
        "x-github-delivery": delivery,
        "x-github-event": github_event,
        "x-github-hook-id": "512345678",
        "x-github-hook-installation-target-id": "186853002",
        "x-github-hook-installation-target-type": "repository",
    }
    if signed:
        key = secret.encode()
        headers["x-hub-signature"] = "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest()
        headers["x-hub-signature-256"] = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
    for header in drop_headers:
        headers.pop(header, None)
    encoded = base64_body or form  # API Gateway base64-encodes form bodies
    document = {
        "version": "2.0",
        "routeKey": "POST /webhook",
        "rawPath": "/webhook",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc123",
            "domainName": "abc123.execute-api.eu-west-1.amazonaws.com", "domainPrefix": "abc123",
            "http": {"method": "POST", "path": "/webhook", "protocol": "HTTP/1.1",
                     "sourceIp": "140.82.115.20", "userAgent": "GitHub-Hookshot/6a5b1c2"},
            "requestId": "Q2Vq1h" + delivery[:8], "routeKey": "POST /webhook", "stage": "$default",
            "time": "27/Nov/2026:22:00:01 +0000", "timeEpoch": 1764280801000,
        },
        "body": base64.b64encode(body).decode() if encoded else body.decode(),
        "isBase64Encoded": encoded,
    }
    (OUT / f"{name}.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    main_push = push("refs/heads/main", MAIN_SHA, "Fix the login redirect\n\nThe callback URL lost its query string.")
    event("push-main", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01", main_push)
    event("push-other-branch", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c02",
          push("refs/heads/feature/login", FEATURE_SHA, "WIP: new login form"))
    event("push-tag", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c03",
          push("refs/tags/v1.4.0", TAG_OBJECT_SHA, "Release 1.4.0", before=ZERO, head=MAIN_SHA, created=True))
    event("branch-deleted", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c04",
          push("refs/heads/feature/login", ZERO, None, before=FEATURE_SHA, deleted=True))
    event("push-skip-ci", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c05",
          push("refs/heads/main", MAIN_SHA, "Update README [skip ci]"))
    event("ping", "ping", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c06", ping("json"))
    event("ping-form-encoded", "ping", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c07", ping("form"),
          content_type="application/x-www-form-urlencoded", form=True)
    event("push-form-encoded", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c08", main_push,
          content_type="application/x-www-form-urlencoded", form=True)
    event("push-base64", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c09", main_push, base64_body=True)
    event("bad-signature", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c10", main_push, secret=WRONG_SECRET)
    event("missing-signature", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c11", main_push, signed=False)
    event("missing-delivery-header", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c12", main_push,
          drop_headers=("x-github-delivery",))
    event("unsupported-content-type", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c13", main_push,
          content_type="text/plain")
    event("invalid-json", "push", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c14", None, raw_body='{"ref":"refs/heads/main",')
    event("issues-ignored", "issues", "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c15",
          {"action": "opened", "issue": {"number": 7, "title": "Login broken"}, "repository": repository(),
           "sender": {"login": "monalisa", "id": 583231, "type": "User"}})


if __name__ == "__main__":
    main()
