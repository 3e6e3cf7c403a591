#!/usr/bin/python3
"""Serves Debian's python3-httpbin on 127.0.0.1 on a port the kernel picks,
and prints that port on stdout once it listens. It exits when its standard
input closes, so it never outlives the test that started it."""

import os
import sys
import threading

from httpbin import app
from werkzeug.serving import make_server


def exit_when_parent_is_gone():
    sys.stdin.read()
    os._exit(0)


def main():
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(server.server_port, flush=True)
    threading.Thread(target=exit_when_parent_is_gone, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
