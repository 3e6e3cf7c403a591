#!/usr/bin/python3
"""Serves Debian's python3-httpbin on 127.0.0.1 on a port the kernel picks,
and prints that port on stdout once it listens."""

import sys

from httpbin import app
from werkzeug.serving import make_server


def main():
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
