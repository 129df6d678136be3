"""The static site behind real nginx, kept live by `wirepress export --follow`.

nginx runs the static server block of deploy/nginx.conf as shipped (only
its root, its listen address and the path of _gone.map changed), on
127.0.0.1. The exporter follows a SQLite store that other `wirepress`
processes write to, as in production:

  - a story ingested before the export is served by nginx;
  - a story ingested afterwards (`wirepress ingest`, another process)
    appears on its page, the home page and the RSS feed within seconds;
  - a `wirepress kill` from a shell makes nginx answer 410 with the
    notice, and the story leaves the home page and the feed
    (--reload-command reloads nginx, which reads _gone.map);
  - a story under embargo is published at its time with no `serve`
    running: the exporter's own scheduler releases it;
  - SIGTERM stops the exporter cleanly (exit 0).

Every wait is bounded. Usage: export_nginx_test.py WIREPRESS_BINARY
"""

import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from checks import check, failures

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
DEPLOY_CONF = os.path.normpath(os.path.join(HERE, "..", "deploy", "nginx.conf"))
FIRST = os.path.join(SHARED, "examples", "syndicated-story-page.txt")
SECOND = os.path.join(SHARED, "corpus", "wire", "nitf", "aap-sports.xml")
WAIT_S = 15


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def static_site_conf(tmp, site, port):
    """deploy/nginx.conf's map and static server block, pointed at `site`."""
    text = open(DEPLOY_CONF).read()
    text = text.replace("/srv/wirepress/site", site)
    text = re.sub(r"listen 80;", "listen 127.0.0.1:%d;" % port, text)
    text = re.sub(r"\n\s*listen \[::\]:80;", "", text)  # no IPv6 on every CI box
    return """
worker_processes 1;
pid %(tmp)s/nginx.pid;
error_log %(tmp)s/nginx-error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path %(tmp)s/nginx-tmp; proxy_temp_path %(tmp)s/nginx-tmp;
  fastcgi_temp_path %(tmp)s/nginx-tmp; uwsgi_temp_path %(tmp)s/nginx-tmp;
  scgi_temp_path %(tmp)s/nginx-tmp;
%(deploy)s
}
""" % {"tmp": tmp, "deploy": text}


def get(port, path):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path),
                                 headers={"Host": "static.example.com"})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def wait_for(what, predicate):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return check(False, "within %d s: %s" % (WAIT_S, what))


def ingest(wp, data, path):
    out = subprocess.run([wp, "--data", data, "ingest", path], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    action, url_path, headline = out.splitlines()[0].split("\t")
    check(action == "created", "ingest %s printed %r" % (path, out))
    return url_path, headline


def embargoed_story(tmp, seconds):
    """A ninjs story under embargo for `seconds` more seconds."""
    now = datetime.datetime.now(datetime.timezone.utc)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    path = os.path.join(tmp, "embargoed.json")
    with open(path, "w") as f:
        json.dump({"uri": "urn:wirepress:test:export-embargo-1", "type": "text", "version": "1",
                   "pubstatus": "usable", "language": "en", "versioncreated": iso(now),
                   "firstcreated": iso(now),
                   "embargoed": iso(now + datetime.timedelta(seconds=seconds)),
                   "headline": "Embargoed results published on time",
                   "copyrightholder": "AFP",
                   "body_html": "<p>Quarterly results, held until their time.</p>"}, f)
    return path


def main():
    wp = os.path.realpath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="wirepress-export-nginx-")
    os.chmod(tmp, 0o755)  # nginx workers run unprivileged when started as root
    data, site = os.path.join(tmp, "data"), os.path.join(tmp, "site")
    os.makedirs(os.path.join(tmp, "nginx-tmp"))
    os.makedirs(site)
    # nginx refuses to start on a missing include; the exporter rewrites it.
    open(os.path.join(site, "_gone.map"), "w").close()
    port = free_port()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(static_site_conf(tmp, site, port))
    nginx = ["nginx", "-c", conf, "-p", tmp, "-e", os.path.join(tmp, "nginx-error.log")]
    exporter = None
    try:
        first_path, first_headline = ingest(wp, data, FIRST)
        subprocess.run(nginx, check=True, timeout=30)
        exporter = subprocess.Popen(
            [wp, "--data", data, "export", "--out", site, "--threads", "2", "--follow",
             "--interval-ms", "100", "--reload-command", " ".join(nginx + ["-s", "reload"])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + WAIT_S
        lines = []
        while time.monotonic() < deadline:
            line = exporter.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("wirepress: following changes"):
                break
        if not check(lines and lines[-1].startswith("wirepress: following changes"),
                     "exporter did not start following: %r %s" % (lines, exporter.stderr.read()
                                                                   if exporter.poll() is not None
                                                                   else "")):
            return

        status, body = get(port, first_path)
        check(status == 200 and first_headline in body,
              "%s: %d before any change" % (first_path, status))

        # A story stored by another process reaches every static output.
        second_path, second_headline = ingest(wp, data, SECOND)
        headline_html = second_headline.replace("&", "&amp;")
        wait_for("%s served by nginx" % second_path,
                 lambda: get(port, second_path)[0] == 200)
        check(second_headline in get(port, second_path)[1] or
              headline_html in get(port, second_path)[1], "the new page lacks its headline")
        wait_for("the home page lists the new story",
                 lambda: second_path in get(port, "/")[1])
        wait_for("rss.xml carries the new story",
                 lambda: second_path in get(port, "/rss.xml")[1])

        # A kill from a shell withdraws it everywhere; nginx says 410.
        subprocess.run([wp, "--data", data, "kill", second_path, "--reason", "legal"],
                       check=True, capture_output=True, timeout=60)
        wait_for("%s answers 410" % second_path, lambda: get(port, second_path)[0] == 410)
        status, body = get(port, second_path)
        check(second_headline not in body and headline_html not in body,
              "the 410 notice still shows the headline")
        wait_for("the home page drops the killed story",
                 lambda: second_path not in get(port, "/")[1])
        check(second_path not in get(port, "/rss.xml")[1], "rss.xml still has the killed story")
        status, body = get(port, first_path)
        check(status == 200 and first_headline in body, "the other story is unaffected")
        check(get(port, "/_gone.map")[0] == 404, "_gone.map is not internal")

        # An embargo falls due while only the exporter runs.
        out = subprocess.run([wp, "--data", data, "ingest", embargoed_story(tmp, 3)],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        action, embargoed_path, _ = out.splitlines()[0].split("\t")
        check(action == "embargoed", "ingest of the embargoed story printed %r" % out)
        check(get(port, embargoed_path)[0] == 404, "the embargoed story is served early")
        wait_for("the embargoed story published at its time",
                 lambda: get(port, embargoed_path)[0] == 200)
        check(embargoed_path in get(port, "/")[1], "the home page lacks the released story")

        exporter.send_signal(signal.SIGTERM)
        try:
            code = exporter.wait(timeout=WAIT_S)
            check(code == 0, "exporter exited %d after SIGTERM: %s" % (code, exporter.stderr.read()))
        except subprocess.TimeoutExpired:
            check(False, "exporter ignored SIGTERM")
    finally:
        if exporter is not None and exporter.poll() is None:
            exporter.kill()
            exporter.wait()
        subprocess.run(nginx + ["-s", "stop"], capture_output=True, timeout=30)
        if failures and os.path.exists(os.path.join(tmp, "nginx-error.log")):
            sys.stderr.write(open(os.path.join(tmp, "nginx-error.log")).read()[-2000:])
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        sys.exit("%d check(s) failed" % len(failures))
    print("ok")


if __name__ == "__main__":
    main()
