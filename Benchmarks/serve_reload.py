#!/usr/bin/env python3
"""Benchmarks/serve_reload.py NASHRA SITE FILE [RUNS]: how long `nashra serve` takes from a saved
bulletin to the reload event a browser receives, measured end to end.

Starts `NASHRA serve --source SITE --port 0`, waits for its first build, connects to the
live-reload stream (`/__nashra/events`) as the page's EventSource does, then RUNS times (default 5)
appends a line to FILE (a bulletin below SITE/content) and times the moment the file is closed to
the moment `event: reload` arrives on the stream. Prints each run and the median. FILE is put back
as it was at the end. Not part of `swift test`.
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    nashra, site, path = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    backup = path + ".serve-bench.bak"
    shutil.copyfile(path, backup)
    started = time.monotonic()
    server = subprocess.Popen([nashra, "serve", "--source", site, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://([0-9.]+):([0-9]+)", line)
        if not match:
            sys.exit("no address in: " + line)
        print(f"first build and start: {time.monotonic() - started:.1f} s", flush=True)
        host, port = match.group(1), int(match.group(2))
        stream = socket.create_connection((host, port))
        stream.sendall(f"GET /__nashra/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        stream.settimeout(10)
        received = b""
        while b"\r\n\r\n" not in received:
            received += stream.recv(65536)
        times = []
        for run in range(runs):
            time.sleep(1.5)  # quiet: no rebuild or keep-alive pending
            received = b""
            stream.settimeout(0.05)
            try:
                while stream.recv(65536):
                    pass
            except socket.timeout:
                pass
            stream.settimeout(10)
            with open(path, "a", encoding="utf-8") as bulletin:
                bulletin.write(f"\nفقرة معدّلة للقياس رقم {run}.\n")
            saved = time.monotonic()
            while b"event: reload" not in received:
                chunk = stream.recv(65536)
                if not chunk:
                    sys.exit("the stream closed")
                received += chunk
            elapsed = (time.monotonic() - saved) * 1000
            times.append(elapsed)
            print(f"run {run + 1}: save → reload event {elapsed:.0f} ms", flush=True)
        print(f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}) over {runs} runs")
        stream.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.copyfile(backup, path)
        os.unlink(backup)


if __name__ == "__main__":
    main()
