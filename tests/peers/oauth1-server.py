#!/usr/bin/python3
"""OAuth 1.0a verifier for Tessera's peer tests, on 127.0.0.1.

Every request is checked with python3-oauthlib's SignatureOnlyEndpoint (all
seven signature methods). oauthlib does not compare oauth_body_hash with the
body, so this script does; paths under /bodyhash/ also require one.

Usage: oauth1-server.py RSA_PUBLIC_PEM_FILE TOKEN:TOKEN_SECRET CONSUMER_KEY:SECRET...
(each consumer may use every method; RSA ones are checked with the one public key)
Prints the port it listens on, then serves until SIGTERM or until its
standard input closes (the test that started it is gone).
Answers 200 "verified <method> via <signature type>" or 401 with the reason.
With OAUTH1_SERVER_DEBUG=1 in the environment, oauthlib logs the base strings
it computed to stderr.
"""

import base64
import hashlib
import http.server
import logging
import os
import string
import sys
import threading

from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint

RSA_PUBLIC_FILE = sys.argv[1]
TOKEN, TOKEN_SECRET = sys.argv[2].split(":", 1)
CONSUMERS = dict(arg.split(":", 1) for arg in sys.argv[3:])
with open(RSA_PUBLIC_FILE) as f:
    RSA_PUBLIC_PEM = f.read()

BODY_HASH_DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


class Validator(RequestValidator):
    """Accepts the given clients and one access token; refuses replayed nonces."""

    def __init__(self):
        super().__init__()
        self.seen = set()
        self.lock = threading.Lock()

    # The defaults want 20–30 alphanumerics and TLS; these tests use short
    # generated nonces, keys with "-", and plain HTTP on loopback.
    enforce_ssl = False
    safe_characters = set(string.ascii_letters + string.digits + "-._~")
    client_key_length = (1, 64)
    access_token_length = (1, 64)
    nonce_length = (1, 64)
    dummy_client = "dummy-client"
    dummy_access_token = "dummy-token"

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        with self.lock:
            entry = (client_key, timestamp, nonce, access_token)
            if entry in self.seen:
                return False
            self.seen.add(entry)
            return True

    def validate_client_key(self, client_key, request):
        return client_key in CONSUMERS

    def get_client_secret(self, client_key, request):
        return CONSUMERS.get(client_key, "dummy")

    def get_access_token_secret(self, client_key, token, request):
        return TOKEN_SECRET if token == TOKEN else "dummy"

    def get_rsa_key(self, client_key, request):
        return RSA_PUBLIC_PEM


ENDPOINT = SignatureOnlyEndpoint(Validator())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, text):
        data = (text + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def check(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        uri = "http://%s%s" % (self.headers["Host"], self.path)
        valid, request = ENDPOINT.validate_request(
            uri, self.command, body.decode("latin-1"), dict(self.headers.items()))
        if not valid:
            log = request.validator_log if request is not None else {}
            return self.answer(401, "refused by oauthlib %r" % (log,))

        method = request.signature_method
        body_hash = request.oauth_params.get("oauth_body_hash")
        if self.path.startswith("/bodyhash/") and body_hash is None:
            return self.answer(401, "refused: no oauth_body_hash")
        if body_hash is not None:
            digest = BODY_HASH_DIGESTS.get(method.split("-")[-1])
            if digest is None:
                return self.answer(401, "refused: oauth_body_hash with %s" % method)
            expected = base64.b64encode(digest(body).digest()).decode()
            if body_hash != expected:
                return self.answer(401, "refused: oauth_body_hash %s, body hashes to %s"
                                   % (body_hash, expected))

        if "oauth_signature" in (self.headers.get("Authorization") or ""):
            where = "header"
        elif "oauth_signature=" in self.path:
            where = "query"
        else:
            where = "body"
        self.answer(200, "verified %s via %s" % (method, where))

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = check

    def log_message(self, fmt, *args):
        sys.stderr.write("oauth1-server: " + (fmt % args) + "\n")


def exit_when_parent_is_gone():
    sys.stdin.read()
    os._exit(0)


def main():
    if os.environ.get("OAUTH1_SERVER_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=exit_when_parent_is_gone, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
