"""Feeds through a real feed parser, sitemaps against the protocol.

Over a live `wirepress serve` (tests/browser_test_site.py): /rss.xml,
/atom.xml, /feed.json, a section feed and a tag feed must parse with
feedparser with bozo == 0 and entries carrying title, link and published
(and the version feedparser detects must be the one served); /feed.json
is checked against the JSON Feed 1.1 rules, which Debian's feedparser 6.0.10
does not read. /sitemap.xml
(a sitemap index), the monthly sitemaps it lists and /news-sitemap.xml must
follow sitemaps.org and Google News rules: the right namespaces, absolute
<loc> URLs on the site, <= 50,000 URLs per sitemap (<= 1,000 in the news
sitemap), W3C datetime lastmod / publication_date, news entries no older
than 48 hours, and robots.txt naming the sitemap.

Usage: feeds_test.py WIREPRESS_BINARY
"""

import datetime
import json
import re
import sys
import xml.etree.ElementTree as ET

import feedparser

from browser_test_site import Site
from checks import check, failures

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
# W3C Datetime as sitemaps.org allows it: a date, or a date and time with
# minutes (seconds and fractions optional) and a zone.
W3C = re.compile(r"^\d{4}-\d{2}-\d{2}"
                 r"(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_feed(site, path, version_prefix, min_entries=1):
    status, headers, body = site.get(path)
    if not check(status == 200, "%s answered %d" % (path, status)):
        return
    d = feedparser.parse(body, response_headers={"content-type": headers.get("content-type", "")})
    check(d.bozo == 0, "%s: feedparser bozo=%s (%s)" % (path, d.bozo, d.get("bozo_exception")))
    check(d.version.startswith(version_prefix),
          "%s: feedparser sees %r, expected %s*" % (path, d.version, version_prefix))
    check(d.feed.get("title"), "%s: feed has no title" % path)
    check(d.feed.get("link", "").startswith("http"), "%s: feed has no link" % path)
    check(len(d.entries) >= min_entries,
          "%s: %d entries, expected >= %d" % (path, len(d.entries), min_entries))
    for e in d.entries:
        where = "%s entry %r" % (path, e.get("link"))
        check(e.get("title"), where + ": no title")
        check(e.get("link", "").startswith("http"), where + ": no absolute link")
        check(e.get("published_parsed") is not None, where + ": no parseable published date")
        check(e.get("id"), where + ": no id/guid")
    return d


def check_json_feed(site, path, min_entries=1):
    """JSON Feed 1.1 (jsonfeed.org/version/1.1) by its rules: Debian's
    feedparser (6.0.10) reads RSS and Atom only."""
    status, headers, body = site.get(path)
    if not check(status == 200, "%s answered %d" % (path, status)):
        return None
    check(headers.get("content-type", "").startswith(("application/feed+json", "application/json")),
          "%s: content type %r" % (path, headers.get("content-type")))
    try:
        feed = json.loads(body)
    except ValueError as e:
        check(False, "%s: not JSON: %s" % (path, e))
        return None
    check(feed.get("version") == "https://jsonfeed.org/version/1.1", "%s: version %r" % (
        path, feed.get("version")))
    check(isinstance(feed.get("title"), str) and feed["title"], "%s: no title" % path)
    check(str(feed.get("home_page_url", "")).startswith("http"), "%s: no home_page_url" % path)
    check(str(feed.get("feed_url", "")).startswith("http"), "%s: no feed_url" % path)
    items = feed.get("items")
    if not check(isinstance(items, list) and len(items) >= min_entries,
                 "%s: items %r, expected >= %d" % (path, type(items), min_entries)):
        return None
    for it in items:
        where = "%s item %r" % (path, it.get("id"))
        check(isinstance(it.get("id"), str) and it["id"], where + ": id must be a non-empty string")
        check(str(it.get("url", "")).startswith("http"), where + ": no absolute url")
        check(it.get("title"), where + ": no title")
        check(it.get("content_html") or it.get("content_text"), where + ": no content")
        check(RFC3339.match(it.get("date_published", "")),
              where + ": date_published %r is not RFC 3339" % it.get("date_published"))
    return feed


def parse_xml(site, path, content_type="xml"):
    status, headers, body = site.get(path)
    check(status == 200, "%s answered %d" % (path, status))
    check(content_type in headers.get("content-type", ""),
          "%s: content type %r" % (path, headers.get("content-type")))
    check(body.startswith(b"<?xml"), "%s: no XML declaration" % path)
    try:
        return ET.fromstring(body)
    except ET.ParseError as e:
        check(False, "%s: not well-formed XML: %s" % (path, e))
        return None


def parse_w3c(text):
    if len(text) == 10:
        return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_loc(path, loc, base):
    check(loc is not None and loc.startswith(base + "/"),
          "%s: <loc> %r is not an absolute URL on %s" % (path, loc, base))
    check(loc is None or len(loc) < 2048, "%s: <loc> longer than 2,048 characters" % path)


def check_sitemaps(site, base):
    index = parse_xml(site, "/sitemap.xml")
    if index is None:
        return
    check(index.tag == "{%s}sitemapindex" % SM, "/sitemap.xml root is %s" % index.tag)
    parts = index.findall("{%s}sitemap" % SM)
    check(1 <= len(parts) <= 50000, "/sitemap.xml lists %d sitemaps" % len(parts))
    total = 0
    for part in parts:
        loc = part.findtext("{%s}loc" % SM)
        check_loc("/sitemap.xml", loc, base)
        lastmod = part.findtext("{%s}lastmod" % SM)
        check(lastmod is None or W3C.match(lastmod), "/sitemap.xml lastmod %r" % lastmod)
        if not loc or not loc.startswith(base):
            continue
        path = loc[len(base):]
        check(re.match(r"^/sitemaps/\d{4}-\d{2}(-\d+)?\.xml$", path), "monthly sitemap %s" % path)
        urlset = parse_xml(site, path)
        if urlset is None:
            continue
        check(urlset.tag == "{%s}urlset" % SM, "%s root is %s" % (path, urlset.tag))
        urls = urlset.findall("{%s}url" % SM)
        check(1 <= len(urls) <= 50000, "%s holds %d URLs" % (path, len(urls)))
        for u in urls:
            uloc = u.findtext("{%s}loc" % SM)
            check_loc(path, uloc, base)
            lm = u.findtext("{%s}lastmod" % SM)
            check(lm is None or W3C.match(lm), "%s: lastmod %r is not W3C datetime" % (path, lm))
        total += len(urls)
    check(total >= 4, "the sitemaps list %d story URLs, expected >= 4" % total)


def check_news_sitemap(site, base):
    root = parse_xml(site, "/news-sitemap.xml")
    if root is None:
        return
    check(root.tag == "{%s}urlset" % SM, "/news-sitemap.xml root is %s" % root.tag)
    urls = root.findall("{%s}url" % SM)
    check(1 <= len(urls) <= 1000, "/news-sitemap.xml holds %d URLs" % len(urls))
    now = datetime.datetime.now(datetime.timezone.utc)
    for u in urls:
        loc = u.findtext("{%s}loc" % SM)
        check_loc("/news-sitemap.xml", loc, base)
        news = u.find("{%s}news" % NEWS)
        if not check(news is not None, "%s: no <news:news>" % loc):
            continue
        pub = news.find("{%s}publication" % NEWS)
        check(pub is not None and pub.findtext("{%s}name" % NEWS)
              and pub.findtext("{%s}language" % NEWS),
              "%s: <news:publication> lacks name or language" % loc)
        lang = pub.findtext("{%s}language" % NEWS) if pub is not None else ""
        check(re.match(r"^([a-z]{2,3}|zh-cn|zh-tw)$", lang or ""),
              "%s: news language %r is not an ISO 639 code" % (loc, lang))
        check(news.findtext("{%s}title" % NEWS), "%s: no <news:title>" % loc)
        date = news.findtext("{%s}publication_date" % NEWS) or ""
        if check(W3C.match(date), "%s: publication_date %r" % (loc, date)):
            age = now - parse_w3c(date)
            check(datetime.timedelta(minutes=-5) <= age <= datetime.timedelta(hours=48),
                  "%s: published %s, outside the 48-hour window" % (loc, date))


def main():
    site = Site(sys.argv[1])
    base = "http://127.0.0.1:8080"  # the site.base_url the test site is configured with
    try:
        check_feed(site, "/rss.xml", "rss20", min_entries=4)
        check_feed(site, "/atom.xml", "atom10", min_entries=4)
        check_json_feed(site, "/feed.json", min_entries=4)
        check_feed(site, "/world/rss.xml", "rss20")
        check_feed(site, "/science/atom.xml", "atom10")
        check_feed(site, "/tag/solar-power/rss.xml", "rss20")
        check_json_feed(site, "/tag/solar-power/feed.json")
        d = check_feed(site, "/entertainment/rss.xml", "rss20")
        if d is not None and d.entries:
            check(d.entries[0].title == "افتتاح معرض القاهرة الدولي للكتاب بمشاركة واسعة",
                  "Arabic title garbled in the feed: %r" % d.entries[0].title)
        check_sitemaps(site, base)
        check_news_sitemap(site, base)
        status, _, robots = site.get("/robots.txt")
        check(status == 200 and b"Sitemap: " + base.encode() + b"/sitemap.xml" in robots,
              "robots.txt does not name the sitemap index: %r" % robots[:200])
    finally:
        site.close()
    if failures:
        print("feeds_test: %d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    print("feeds_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
