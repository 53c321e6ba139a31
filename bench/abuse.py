"""Abusive requests against a running Tapestry: how each is answered, and how fast.

    python -m bench.abuse [--base-url http://127.0.0.1:8000] [--repeat 5]

Sends each request of the GraphQL hardening issue to `/graphql/` (catastrophic backtracking in
`page(path:)`, fragment doubling, broken fragments, deeply nested variables, NUL characters,
malformed HTTP, cross-origin forms, repeated fields, tokens over GET) and prints, for each, the
status, the error code and the median time of `--repeat` tries. Every answer should be a 4xx or
a coded error, in well under 100 ms. Start the server yourself (DEBUG off), e.g.

    DEBUG=false python manage.py runserver 127.0.0.1:8611 --noreload
    python -m bench.abuse --base-url http://127.0.0.1:8611

Nothing here changes data: the mutations it sends are refused before they run.
"""

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field

import requests

TARGET_MS = 100


@dataclass
class Abuse:
    label: str
    method: str = "POST"
    body: bytes | str | None = None
    params: dict | None = None
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/json"})


def _json(query: str, variables: dict | None = None) -> str:
    return json.dumps({"query": query, "variables": variables or {}})


def fragment_doubling(count: int) -> str:
    fragments = [
        f"fragment F{number} on Query {{ ...F{number + 1} ...F{number + 1} }}"
        for number in range(count)
    ]
    return " ".join(
        ["query { ...F0 }", *fragments, f"fragment F{count} on Query {{ site {{ name }} }}"]
    )


FEEDBACK = (
    "mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) "
    "{ statusToken errors { field code } } }"
)
SUBSCRIBE = 'mutation { subscribe(input: {email: "form@example.org"}) { errors { code } } }'


def abuses() -> list[Abuse]:
    page = "query($path: String!) { page(path: $path) { id } }"
    return [
        Abuse("baseline: { site { name } }", body=_json("{ site { name } }")),
        Abuse('1  page(path: "a"*30 + "!")', body=_json(page, {"path": "a" * 30 + "!"})),
        Abuse("2  fragment doubling, 26 fragments", body=_json(fragment_doubling(26))),
        Abuse("7  unknown fragment", body=_json("{ ...Missing }")),
        Abuse("7  fragment spreading itself", body=_json("{ ...F } fragment F on Query { ...F }")),
        Abuse(
            "7  fragment cycle",
            body=_json("{ ...F } fragment F on Query { ...G } fragment G on Query { ...F }"),
        ),
        Abuse(
            "7  variables nested 1,000 lists deep",
            body='{"query": "query($v: [String]) { site { name } }", "variables": {"v": '
            + "[" * 1000
            + "]" * 1000
            + "}}",
        ),
        Abuse('7  {"query": 5}', body=json.dumps({"query": 5})),
        Abuse(
            "8  NUL in community(slug:)",
            body=_json("query($s: String!) { community(slug: $s) { id } }", {"s": "a\x00"}),
        ),
        Abuse(
            "8  NUL in search(query:)",
            body=_json("query($q: String!) { search(query: $q) { totalCount } }", {"q": "\x00"}),
        ),
        Abuse(
            "8  NUL in submitFeedback(input:)",
            body=_json(
                FEEDBACK,
                {
                    "input": {
                        "community": "huacao-town",
                        "category": "QUESTION",
                        "message": "nul \x00",
                        "consent": False,
                    }
                },
            ),
        ),
        Abuse("9  invalid JSON", body="{nope"),
        Abuse("9  batched array", body=json.dumps([{"query": "{ site { name } }"}])),
        Abuse(
            "9  text/plain body",
            body=_json("{ site { name } }"),
            headers={"Content-Type": "text/plain"},
        ),
        Abuse("9  missing query", body="{}"),
        Abuse(
            "9  body of 300 KB",
            body=_json("{ site { name } }", {"padding": "x" * 300_000}),
        ),
        Abuse("9  PUT", method="PUT", body=_json("{ site { name } }")),
        Abuse(
            "10 400 x site { name }",
            body=_json("{" + " site { name }" * 400 + " }"),
        ),
        Abuse(
            "13 form-encoded mutation",
            body="query=" + requests.utils.quote(SUBSCRIBE),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        Abuse(
            "13 multipart mutation",
            body=(
                "--b\r\nContent-Disposition: form-data; name=query\r\n\r\n"
                + SUBSCRIBE
                + "\r\n--b--\r\n"
            ),
            headers={"Content-Type": "multipart/form-data; boundary=b"},
        ),
        Abuse(
            "14 preview(token:) over GET",
            method="GET",
            params={"query": '{ preview(token: "secret") { id } }'},
            headers={"Accept": "application/json"},
        ),
        Abuse(
            "14 feedbackStatus(token:) over GET",
            method="GET",
            params={"query": '{ feedbackStatus(token: "secret") { status } }'},
            headers={"Accept": "application/json"},
        ),
        Abuse("14 suggestion probe { site { nam } }", body=_json("{ site { nam } }")),
    ]


def code_of(response: requests.Response) -> str:
    """The first error code: top-level, else in a mutation payload's `errors`."""
    try:
        body = response.json()
    except ValueError:
        return (response.headers.get("Content-Type") or "?").split(";")[0]
    for error in body.get("errors") or ():
        code = (error.get("extensions") or {}).get("code", "?")
        return code + (" (suggests)" if "Did you mean" in error.get("message", "") else "")
    for payload in (body.get("data") or {}).values():
        payload_errors = payload.get("errors") if isinstance(payload, dict) else None
        if payload_errors:
            return f"{payload_errors[0].get('code')} in payload"
    return "-"


def run(abuse: Abuse, url: str, repeat: int, timeout: float) -> tuple[int | str, str, float]:
    timings, response = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            response = requests.request(
                abuse.method,
                url,
                data=abuse.body.encode() if isinstance(abuse.body, str) else abuse.body,
                params=abuse.params,
                headers=abuse.headers,
                timeout=timeout,
            )
        except requests.Timeout:
            return "timeout", "-", timeout * 1000
        timings.append((time.perf_counter() - started) * 1000)
    return response.status_code, code_of(response), statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--repeat", type=int, default=5, help="tries per request (median)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per try")
    args = parser.parse_args()
    url = args.base_url.rstrip("/") + "/graphql/"

    rows = [(abuse.label, *run(abuse, url, args.repeat, args.timeout)) for abuse in abuses()]
    width = max(len(label) for label, *_ in rows)
    print(f"{'request':{width}}  status  {'code':32}  ms (median of {args.repeat})")
    for label, status, code, ms in rows:
        print(f"{label:{width}}  {status!s:6}  {code:32}  {ms:8.1f}")
    slow = [label for label, _status, _code, ms in rows if ms >= TARGET_MS]
    print(f"\nover {TARGET_MS} ms: {', '.join(slow) if slow else 'none'}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
