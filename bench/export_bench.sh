#!/usr/bin/env bash
# Export benchmark (issue 5): N generated stories in a SQLite store, then
# `wirepress export --out DIR` timed with /usr/bin/time -v (wall time, peak
# RSS); the same N stories as Markdown pages built by Hugo (Debian's `hugo`,
# a minimal theme: one page per story, one paginated list and RSS per
# section and tag) for comparison. Goal: 100k stories < 30 s and < 1 GB.
#
# Usage: bench/export_bench.sh WIREPRESS_BINARY [N...]   (default N: 10000 100000)
# Env:   WORK=DIR keeps the generated data and sites there (default: a temp
#        folder, removed at the end); NO_HUGO=1 skips Hugo; THREADS=n for export.
# Figures: doc/benchmarks.md, "Static export".
set -euo pipefail
wp="$(realpath "$1")"; shift
sizes=("$@"); [ "${#sizes[@]}" -gt 0 ] || sizes=(10000 100000)
work="${WORK:-$(mktemp -d /tmp/wirepress-export-bench-XXXXXX)}"
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
threads="${THREADS:-2}"
py=/usr/bin/python3

# measure LABEL CMD...: runs CMD under /usr/bin/time -v, prints one row.
measure() {
  local label="$1"; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/cmd.log" 2>&1 || {
    echo "$label failed:"; tail -20 "$work/cmd.log"; return 1; }
  local wall rss user sys
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")"
  user="$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")"
  printf '%-28s wall %10s   CPU %7ss user + %6ss sys   peak RSS %7d MB   (load %s)\n' \
    "$label" "$wall" "$user" "$sys" "$((rss / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

for n in "${sizes[@]}"; do
  dir="$work/$n"
  rm -rf "$dir"; mkdir -p "$dir/inputs" "$dir/hugo/content" "$dir/hugo/layouts/_default"
  # The same N stories twice: ninjs files for wirepress, Markdown for Hugo.
  # Eight sections, 200 tags, three paragraphs (~1.2 kB of text) each,
  # published over the last 400 days.
  "$py" - "$dir" "$n" <<'PY'
import datetime, json, os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
sections = {"sports": "15000000", "business": "04000000", "politics": "11000000",
            "technology": "13010000", "science": "13000000", "health": "07000000",
            "entertainment": "01000000", "world": "16000000"}
words = ("government minister market team players election court hospital research "
         "company shares season storm flood energy talks summit vote league doctors "
         "scientists launch budget police record city officials report week").split()
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
names = list(sections)
for i in range(n):
    sec = names[i % len(names)]
    tags = ["topic %d" % rnd.randrange(200), "topic %d" % rnd.randrange(200)]
    when = now - datetime.timedelta(seconds=rnd.randrange(400 * 86400))
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    head = "Story %d: %s %s %s" % (i, *(rnd.choice(words).capitalize() for _ in range(3)))
    paras = [" ".join(rnd.choice(words) for _ in range(60)).capitalize() + "." for _ in range(3)]
    story = {"uri": "urn:bench:%d" % i, "type": "text", "version": "1", "pubstatus": "usable",
             "language": "en", "versioncreated": iso, "firstcreated": iso, "headline": head,
             "copyrightholder": "AFP", "subject": [{"code": "subj:" + sections[sec]}],
             "keywords": tags, "body_html": "".join("<p>%s</p>" % p for p in paras)}
    with open(os.path.join(out, "inputs", "s%06d.json" % i), "w") as f:
        json.dump(story, f)
    md_dir = os.path.join(out, "hugo", "content", sec)
    os.makedirs(md_dir, exist_ok=True)
    with open(os.path.join(md_dir, "story-%d.md" % i), "w") as f:
        f.write('---\ntitle: "%s"\ndate: %s\ntags: %s\n---\n\n%s\n' %
                (head, iso, json.dumps(tags), "\n\n".join(paras)))
PY
  cat >"$dir/wirepress.toml" <<EOF
data_dir = "$dir/data"
log_level = "warn"
[site]
name = "Bench News"
base_url = "https://news.example"
EOF
  echo "== $n stories"
  # The fixture itself (not the benchmarked step): ingest the ninjs files.
  measure "wirepress ingest (fixture)" "$wp" --config "$dir/wirepress.toml" ingest "$dir/inputs"
  rm -rf "$dir/inputs"
  measure "wirepress export" "$wp" --config "$dir/wirepress.toml" export --out "$dir/site" \
    --threads "$threads"
  echo "   $(find "$dir/site" -type f | wc -l) files, $(du -sm "$dir/site" | cut -f1) MB"
  measure "wirepress export (again)" "$wp" --config "$dir/wirepress.toml" export \
    --out "$dir/site" --threads "$threads"
  if [ -z "${NO_HUGO:-}" ] && command -v hugo >/dev/null; then
    cat >"$dir/hugo/config.toml" <<'EOF'
baseURL = "https://news.example/"
title = "Bench News"
disableKinds = ["404"]
paginate = 20
[taxonomies]
tag = "tags"
EOF
    cat >"$dir/hugo/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}"></head><body><header><a href="/">{{ .Site.Title }}</a></header>
<article><p class="kicker">{{ .Section }}</p><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
{{ .Content }}<ul>{{ range .Params.tags }}<li><a href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article></body></html>
EOF
    cat >"$dir/hugo/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head><body>
<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}
{{ if .Paginator.HasNext }}<a href="{{ .Paginator.Next.URL }}">Next</a>{{ end }}</body></html>
EOF
    measure "hugo (same stories)" hugo --source "$dir/hugo" --destination "$dir/hugo-site" --quiet
    echo "   $(find "$dir/hugo-site" -type f | wc -l) files, $(du -sm "$dir/hugo-site" | cut -f1) MB"
  fi
  [ -n "${WORK:-}" ] || rm -rf "$dir"
done
