#!/usr/bin/env python3
"""Writes a Postman Collection v2.1 file for the benchmarks.

  gen-collection.py import OUT [--requests 10000]
      Requests of every method in nested folders, with headers, query
      params, bodies of each mode, auth, variables, descriptions and scripts:
      what a large real collection carries.

  gen-collection.py gets OUT --base-url http://127.0.0.1:PORT/ [--requests 1000]
      Plain GET requests to BASE-URLr/0.txt, BASE-URLr/1.txt, …, in one
      folder, for runs against a local server. --urls FILE also writes the
      URLs, one a line.

The output depends only on the arguments (fixed random seed).
"""

import argparse
import json
import random
import sys
import uuid

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
WORDS = ("account", "invoice", "order", "customer", "payment", "refund", "report",
         "session", "token", "webhook", "product", "catalog", "shipment", "user")


def kv(key, value, **extra):
    entry = {"key": key, "value": value}
    entry.update(extra)
    return entry


def make_headers(rng):
    headers = [
        kv("Accept", "application/json"),
        kv("X-Request-Id", "{{$guid}}"),
        kv("X-Tenant", "{{tenant}}"),
    ]
    for i in range(rng.randint(0, 4)):
        headers.append(kv("X-Trace-%d" % i, "%032x" % rng.getrandbits(128),
                          description="trace header %d" % i))
    if rng.random() < 0.2:
        headers.append(kv("X-Debug", "1", disabled=True))
    return headers


def make_body(rng, n):
    mode = rng.choice(("raw", "raw", "urlencoded", "formdata", "graphql"))
    if mode == "raw":
        payload = {
            "id": n,
            "name": "%s %d" % (rng.choice(WORDS), n),
            "amount": round(rng.uniform(1, 10000), 2),
            "tags": [rng.choice(WORDS) for _ in range(rng.randint(1, 5))],
            "nested": {"enabled": rng.random() < 0.5, "note": None},
        }
        return {"mode": "raw", "raw": json.dumps(payload, indent=2),
                "options": {"raw": {"language": "json"}}}
    if mode == "urlencoded":
        return {"mode": "urlencoded",
                "urlencoded": [kv("field%d" % i, "value %d" % rng.randint(0, 999))
                               for i in range(rng.randint(1, 6))]}
    if mode == "formdata":
        return {"mode": "formdata",
                "formdata": [kv("text", "hello %d" % n, type="text"),
                             {"key": "upload", "type": "file", "src": "/tmp/upload-%d.bin" % n}]}
    return {"mode": "graphql",
            "graphql": {"query": "query ($id: ID!) { %s(id: $id) { id name } }" % rng.choice(WORDS),
                        "variables": json.dumps({"id": str(n)})}}


def make_auth(rng):
    kind = rng.choice(("none", "none", "none", "bearer", "basic", "apikey"))
    if kind == "bearer":
        return {"type": "bearer", "bearer": [kv("token", "{{token}}", type="string")]}
    if kind == "basic":
        return {"type": "basic", "basic": [kv("username", "{{user}}", type="string"),
                                           kv("password", "", type="string")]}
    if kind == "apikey":
        return {"type": "apikey", "apikey": [kv("key", "X-Api-Key", type="string"),
                                             kv("value", "{{api_key}}", type="string"),
                                             kv("in", "header", type="string")]}
    return None


def make_request(rng, n):
    resource = rng.choice(WORDS)
    method = rng.choice(("GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE"))
    query = [kv("page", str(rng.randint(1, 50))), kv("limit", "100")]
    if rng.random() < 0.3:
        query.append(kv("expand", "items", disabled=True))
    raw = "{{base_url}}/v1/%ss/:id?%s" % (
        resource, "&".join("%s=%s" % (q["key"], q["value"]) for q in query if not q.get("disabled")))
    request = {
        "method": method,
        "header": make_headers(rng),
        "url": {
            "raw": raw,
            "host": ["{{base_url}}"],
            "path": ["v1", resource + "s", ":id"],
            "query": query,
            "variable": [kv("id", str(n), description="%s id" % resource)],
        },
        "description": "%s a %s (request %d)." % (method.capitalize(), resource, n),
    }
    if method in ("POST", "PUT", "PATCH"):
        request["body"] = make_body(rng, n)
    auth = make_auth(rng)
    if auth is not None:
        request["auth"] = auth
    item = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "name": "%s %s %d" % (method, resource, n),
            "request": request,
            "response": []}
    if rng.random() < 0.25:
        item["event"] = [{"listen": "test", "script": {
            "type": "text/javascript",
            "exec": ["pm.test('status is 2xx', function () {",
                     "  pm.expect(pm.response.code).to.be.within(200, 299);",
                     "});"]}}]
    return item


def import_collection(count):
    rng = random.Random(20240901)
    top_folders = 10
    sub_folders = 10
    per_folder = -(-count // (top_folders * sub_folders))
    n = 0
    items = []
    for t in range(top_folders):
        top = {"name": "Area %d" % t, "description": "Endpoints of area %d" % t, "item": []}
        if t % 3 == 0:
            top["auth"] = {"type": "bearer", "bearer": [kv("token", "{{area_token}}", type="string")]}
        for s in range(sub_folders):
            sub = {"name": "Group %d.%d" % (t, s), "item": [],
                   "variable": [kv("group", "%d.%d" % (t, s))]}
            # A third level under every other group, as real collections nest unevenly.
            target = sub
            if s % 2 == 1:
                deeper = {"name": "Details", "item": []}
                sub["item"].append(deeper)
                target = deeper
            for _ in range(per_folder):
                if n == count:
                    break
                target["item"].append(make_request(rng, n))
                n += 1
            top["item"].append(sub)
        items.append(top)
    return {
        "info": {"_postman_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                 "name": "Benchmark: %d requests" % count,
                 "description": "Generated by tests/bench/gen-collection.py",
                 "schema": SCHEMA},
        "item": items,
        "variable": [kv("base_url", "http://127.0.0.1:8080"), kv("tenant", "bench"),
                     kv("user", "bench"), kv("token", ""), kv("api_key", "")],
        "auth": {"type": "noauth"},
    }


def gets_collection(count, base_url):
    if not base_url.endswith("/"):
        base_url += "/"
    urls = ["%sr/%d.txt" % (base_url, i) for i in range(count)]
    items = [{"name": "GET %d" % i, "request": {"method": "GET", "header": [], "url": url}}
             for i, url in enumerate(urls)]
    return {
        "info": {"name": "Benchmark: %d GETs" % count, "schema": SCHEMA},
        "item": [{"name": "GETs", "item": items}],
    }, urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("import", "gets"))
    parser.add_argument("output")
    parser.add_argument("--requests", type=int)
    parser.add_argument("--base-url")
    parser.add_argument("--urls", help="also write the URLs to this file (gets)")
    args = parser.parse_args()

    if args.kind == "import":
        doc = import_collection(args.requests or 10000)
        urls = None
    else:
        if not args.base_url:
            parser.error("gets needs --base-url")
        doc, urls = gets_collection(args.requests or 1000, args.base_url)

    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(doc, out, indent=2, ensure_ascii=False)
        out.write("\n")
    if args.urls and urls is not None:
        with open(args.urls, "w", encoding="utf-8") as out:
            out.write("\n".join(urls) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
