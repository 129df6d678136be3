"""A live wirepress site for the browser and feed tests (tests/browser_test.py,
tests/feeds_test.py).

Site(binary) makes a temporary data folder, ingests a few corpus stories
plus the test stories in tests/testdata/ (a right-to-left Arabic story and
one with an agency picture served by a small loopback picture server), then
starts `wirepress serve --port 0` and reads its URL. Everything listens on
127.0.0.1 only; close() stops both servers and removes the folder.
"""

import datetime
import http.server
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
EXAMPLE = os.path.join(SHARED, "examples", "syndicated-story-page.txt")
CORPUS = [
    os.path.join(SHARED, "corpus", "wire", "newsml-g2", "LISTING_2_NewsML-G2_Text_Document.xml"),
    os.path.join(SHARED, "corpus", "wire", "nitf", "aap-sports.xml"),
]
THEME = os.path.normpath(os.path.join(HERE, "..", "templates"))
RTL_STORY = os.path.join(HERE, "testdata", "rtl_story_ar.ninjs.json")
PICTURE_STORY = os.path.join(HERE, "testdata", "picture_story.ninjs.json")
START_TIMEOUT_S = 20


def solid_png(width, height, rgb):
    """A valid PNG of one colour with a darker band (not blank), made here so
    the test needs no image file."""
    rows = []
    for y in range(height):
        colour = rgb if y < height * 2 // 3 else tuple(c // 2 for c in rgb)
        rows.append(b"\x00" + bytes(colour) * width)
    raw = zlib.compress(b"".join(rows))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


class _PictureHandler(http.server.BaseHTTPRequestHandler):
    picture = solid_png(640, 360, (40, 110, 170))

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path != "/photo.png":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.picture)))
        self.end_headers()
        self.wfile.write(self.picture)

    def log_message(self, *args):
        pass


def http_get(url, timeout=10):
    """(status, headers dict with lower-case names, body bytes); never raises
    for HTTP error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


class Site:
    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.root = tempfile.mkdtemp(prefix="wirepress-site-")
        self.proc = None
        self.pictures = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PictureHandler)
        threading.Thread(target=self.pictures.serve_forever, daemon=True).start()
        self.picture_url = "http://127.0.0.1:%d/photo.png" % self.pictures.server_address[1]
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    def _write_config(self):
        self.config = os.path.join(self.root, "wirepress.toml")
        with open(self.config, "w") as f:
            f.write('data_dir = "%s/data"\nlog_level = "warn"\n' % self.root)
            f.write('[site]\nname = "Wire Test News"\nbase_url = "http://127.0.0.1:8080"\n')
            f.write('theme_dir = "%s"\n' % THEME)

    def _stories(self):
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        inputs = os.path.join(self.root, "inputs")
        os.makedirs(inputs)
        paths = [EXAMPLE] + [p for p in CORPUS if os.path.exists(p)]
        for src in (RTL_STORY, PICTURE_STORY):
            with open(src, encoding="utf-8") as f:
                text = f.read().replace("@NOW@", now).replace("@PICTURE_URL@", self.picture_url)
            dst = os.path.join(inputs, os.path.basename(src))
            with open(dst, "w", encoding="utf-8") as f:
                f.write(text)
            paths.append(dst)
        return paths

    def _start(self):
        self._write_config()
        ingest = subprocess.run([self.binary, "--config", self.config, "ingest"] + self._stories(),
                                cwd=self.root, capture_output=True, text=True, timeout=60)
        if ingest.returncode != 0:
            raise RuntimeError("ingest failed: %s %s" % (ingest.stdout, ingest.stderr))
        self.proc = subprocess.Popen(
            [self.binary, "--config", self.config, "serve", "--port", "0", "--threads", "2"],
            cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        self.url = None
        while time.monotonic() < deadline and self.url is None:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"serving (http://[0-9.]+:[0-9]+)/", line)
            if m:
                self.url = m.group(1)
        if self.url is None:
            raise RuntimeError("wirepress serve printed no URL")
        # Keep draining stdout so the server never blocks on a full pipe.
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()

    def get(self, path):
        return http_get(self.url + path)

    def story_paths(self):
        """Every story path listed on the home page, by the slug in its URL."""
        status, _, body = self.get("/")
        assert status == 200, status
        html = body.decode("utf-8")
        return sorted(set(re.findall(r'href="(/[a-z0-9-]+/\d{4}/\d{2}/\d{2}/[^"#?/]+)"', html)))

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.pictures.shutdown()
        self.pictures.server_close()
        if not os.environ.get("WIREPRESS_KEEP_E2E"):
            shutil.rmtree(self.root, ignore_errors=True)
