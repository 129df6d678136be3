"""The site in a real browser: headless Chromium renders the home page and
story pages of a live `wirepress serve` (tests/browser_test_site.py) at
desktop (1366x900) and phone (390x844) sizes. Each screenshot must be a
non-blank PNG of the window's size; the DOM Chromium rendered (--dump-dom)
must show the headline once, the lead once, the dateline, the disclaimer,
the share links and dir="rtl" on the Arabic story, and every <img src> must
answer 200 with an image content type.

Usage: browser_test.py WIREPRESS_BINARY. WIREPRESS_SCREENSHOTS=DIR keeps the
screenshots there (to look at them); otherwise they go with the temp folder.
Every Chromium run is bounded (CHROMIUM_TIMEOUT_S) and runs on loopback only.
"""

import html.parser
import io
import os
import subprocess
import sys
import tempfile
import urllib.parse

from browser_test_site import Site, http_get
from checks import check, failures

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_TIMEOUT_S = 60
DESKTOP = (1366, 900)
PHONE = (390, 844)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # Node or str

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag=None, cls=None):
        for c in self.children:
            if isinstance(c, str):
                continue
            if (tag is None or c.tag == tag) and (
                    cls is None or cls in (c.attrs.get("class") or "").split()):
                yield c
            yield from c.find_all(tag, cls)


class DomBuilder(html.parser.HTMLParser):
    """A forgiving tree of Chromium's serialised DOM (well-formed already)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_dom(text):
    b = DomBuilder()
    b.feed(text)
    return b.root


def squash(text):
    return " ".join(text.split())


def chromium(profile, *args):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-quic", "--user-data-dir=" + profile] + list(args)
    return subprocess.run(cmd, capture_output=True, timeout=CHROMIUM_TIMEOUT_S)


def screenshot(profile, url, size, out):
    if os.path.exists(out):
        os.remove(out)
    r = chromium(profile, "--hide-scrollbars", "--window-size=%d,%d" % size,
                 "--screenshot=" + out, url)
    if not check(r.returncode == 0 and os.path.exists(out),
                 "chromium wrote no screenshot of %s: %s" % (url, r.stderr[-400:])):
        return
    from PIL import Image
    with Image.open(out) as img:
        check(img.format == "PNG", "%s is %s, not PNG" % (out, img.format))
        check(img.size == size, "%s is %dx%d, expected %dx%d" % ((out,) + img.size + size))
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        distinct = len(colours) if colours is not None else 1 << 20
        # Text, headings and links antialias into hundreds of colours; a blank
        # or error page has a handful.
        check(distinct >= 50, "%s looks blank: %d colours" % (out, distinct))
        # Ink on the top half and the bottom half: the layout fills the window.
        w, h = rgb.size
        for name, box in (("top", (0, 0, w, h // 2)), ("bottom", (0, h // 2, w, h))):
            lo, hi = zip(*rgb.crop(box).getextrema())
            check(max(hi) - min(lo) > 100, "%s: %s half is empty" % (out, name))


def dump_dom(profile, url):
    r = chromium(profile, "--window-size=%d,%d" % DESKTOP, "--dump-dom", url)
    check(r.returncode == 0, "chromium --dump-dom %s failed: %s" % (url, r.stderr[-400:]))
    return r.stdout.decode("utf-8", "replace")


def check_images(site, page_url, dom):
    imgs = list(dom.find_all("img"))
    for img in imgs:
        src = img.attrs.get("src") or ""
        if not check(src != "", "%s: <img> without src" % page_url):
            continue
        url = urllib.parse.urljoin(page_url, src)
        check(url.startswith("http://127.0.0.1"), "%s: image off this machine: %s" % (page_url, url))
        status, headers, body = http_get(url)
        check(status == 200 and headers.get("content-type", "").startswith("image/") and body,
              "%s: image %s answered %s %s" % (page_url, src, status, headers.get("content-type")))
    return len(imgs)


def check_story(site, path, want, profile):
    url = site.url + path
    dom = parse_dom(dump_dom(profile, url))
    html_el = next(dom.find_all("html"), None)
    check(html_el is not None, "%s: no <html>" % path)
    if html_el is None:
        return
    check(html_el.attrs.get("dir") == want["dir"],
          "%s: <html dir=%r>, expected %r" % (path, html_el.attrs.get("dir"), want["dir"]))
    check(html_el.attrs.get("lang") == want["lang"],
          "%s: <html lang=%r>, expected %r" % (path, html_el.attrs.get("lang"), want["lang"]))
    articles = list(dom.find_all("article", cls="story"))
    if not check(len(articles) == 1, "%s: %d <article class=story>, expected 1" % (path, len(articles))):
        return
    article = articles[0]
    text = squash(article.text())
    h1 = list(dom.find_all("h1"))
    check(len(h1) == 1 and squash(h1[0].text()) == want["headline"],
          "%s: <h1> %r, expected one %r" % (path, [squash(h.text()) for h in h1], want["headline"]))
    check(text.count(want["headline"]) == 1,
          "%s: headline %d times in the article" % (path, text.count(want["headline"])))
    check(text.count(want["lead"]) == 1,
          "%s: lead %d times in the article" % (path, text.count(want["lead"])))
    if want.get("dateline"):
        datelines = [squash(d.text()) for d in article.find_all(cls="dateline")]
        check(datelines == [want["dateline"]],
              "%s: datelines %r, expected [%r]" % (path, datelines, want["dateline"]))
    disclaimers = [squash(d.text()) for d in article.find_all(cls="disclaimer")]
    check(len(disclaimers) == 1 and "Wire Test News" in disclaimers[0],
          "%s: disclaimer %r" % (path, disclaimers))
    share = [a.attrs.get("href", "") for s in article.find_all(cls="share")
             for a in s.find_all("a")]
    slug = urllib.parse.quote(path.rsplit("/", 1)[1])
    check(len(share) >= 3 and all(slug in h for h in share),
          "%s: share links %r do not all carry the story URL" % (path, share))
    check(all(h.startswith(("https://", "mailto:")) for h in share),
          "%s: share link not https/mailto: %r" % (path, share))
    n = check_images(site, url, dom)
    if want.get("picture"):
        srcs = [i.attrs.get("src") for i in article.find_all("img")]
        check(want["picture"] in srcs, "%s: agency picture missing, imgs %r" % (path, srcs))
    check(n >= 1, "%s: no image on the story page" % path)


def main():
    binary = sys.argv[1]
    site = Site(binary)
    tmp = tempfile.mkdtemp(prefix="wirepress-browser-")
    shots = os.environ.get("WIREPRESS_SCREENSHOTS") or tmp
    os.makedirs(shots, exist_ok=True)
    profile = os.path.join(tmp, "profile")
    try:
        paths = site.story_paths()
        by_slug = {p.rsplit("/", 1)[1].rsplit("-", 1)[0]: p for p in paths}
        pompeo = by_slug.get("pompeo-says-agreed-with-putin-on-syria-progress")
        solar = by_slug.get("solar-car-team-crosses-the-desert-in-record-time")
        arabic = next((p for p in paths if "alqahrt" in p), None)
        for name, p in (("example", pompeo), ("picture", solar), ("arabic", arabic)):
            check(p is not None, "home page lacks the %s story: %r" % (name, paths))
        if failures:
            return 1

        check_story(site, pompeo, {
            "dir": "ltr", "lang": "en",
            "headline": "Pompeo Says Agreed with Putin on Syria Progress",
            "lead": "The United States and Russia have agreed on ways to break a deadlock",
            "dateline": "Sochi (Russia), May 15 (AFP)"}, profile)
        check_story(site, solar, {
            "dir": "ltr", "lang": "en",
            "headline": "Solar Car Team Crosses the Desert in Record Time",
            "lead": "A student-built solar car crossed 3,000 kilometres of desert",
            "picture": site.picture_url}, profile)
        check_story(site, arabic, {
            "dir": "rtl", "lang": "ar",
            "headline": "افتتاح معرض القاهرة الدولي للكتاب بمشاركة واسعة",
            "lead": "افتتح معرض القاهرة الدولي للكتاب أبوابه اليوم"}, profile)

        home = parse_dom(dump_dom(profile, site.url + "/"))
        check(check_images(site, site.url + "/", home) >= 1, "home page shows no image")

        for name, path in (("home", "/"), ("example", pompeo), ("picture", solar),
                           ("arabic", arabic), ("section", "/world/")):
            for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
                screenshot(profile, site.url + path, size,
                           os.path.join(shots, "%s-%s.png" % (name, size_name)))
    finally:
        site.close()
        if shots != tmp:
            print("screenshots in " + shots)
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("browser_test: %d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    print("browser_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
