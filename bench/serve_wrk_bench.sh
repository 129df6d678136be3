#!/usr/bin/env bash
# serve_wrk_bench: story-page throughput of `wirepress serve` against nginx
# serving the same page bytes as a static file, in the same run (issue 6;
# goal: wirepress >= 1.0x nginx's req/s). Both on loopback, both with two
# workers (serve --threads 2, nginx worker_processes 2), both measured by
# the same wrk command (-t1 -c64, keep-alive, no Accept-Encoding: the same
# identity bytes), alternating A B A B so drift in the machine's load hits
# both alike. Prints req/s and p99 of every round, and the ratio.
#
#   cmake --build build --target wirepress
#   bench/serve_wrk_bench.sh build/wirepress
#
# Environment: DURATION (s per round, default 10), CONNECTIONS (64),
# ROUNDS (pairs, default 2), WRK_THREADS (1), SERVE_THREADS (2),
# NGINX_WORKERS (2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-build/wirepress}")"
example="$here/../../shared/examples/syndicated-story-page.txt"
[ -f "$example" ] || example="$here/../shared/examples/syndicated-story-page.txt"
duration="${DURATION:-10}"
conns="${CONNECTIONS:-64}"
rounds="${ROUNDS:-2}"
wrk_threads="${WRK_THREADS:-1}"
serve_threads="${SERVE_THREADS:-2}"
nginx_workers="${NGINX_WORKERS:-2}"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "serve_wrk_bench: needs $tool (tools/setup.sh)" >&2; exit 2; }
done

root="$(mktemp -d /tmp/wirepress-wrk-XXXXXX)"
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  [ -f "$root/nginx.pid" ] && kill "$(cat "$root/nginx.pid")" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# 1. wirepress serve with one story, ingested through the inbox.
mkdir -p "$root/data/inbox"
cat >"$root/wirepress.toml" <<EOF
data_dir = "$root/data"
log_level = "warn"
[site]
name = "Bench News"
base_url = "https://news.example"
EOF
"$bin" --config "$root/wirepress.toml" serve --port 0 --threads "$serve_threads" --no-poll \
  >"$root/serve.out" 2>"$root/serve.err" &
serve_pid=$!
url=""
for _ in $(seq 100); do
  url="$(sed -n 's|^wirepress: serving \(http://[0-9.:]*\)/$|\1|p' "$root/serve.out")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve did not start:" >&2; cat "$root/serve.err" >&2; exit 1; }
cp "$example" "$root/story.tmp" && mv "$root/story.tmp" "$root/data/inbox/story.txt"
path=""
for _ in $(seq 100); do
  path="$(curl -s "$url/rss.xml" | sed -n 's|.*<link>https://news.example\(/[^<]*pompeo[^<]*\)</link>.*|\1|p' | head -1)"
  [ -n "$path" ] && break
  sleep 0.1
done
[ -n "$path" ] || { echo "the story never went live" >&2; exit 1; }

# 2. nginx serving the same bytes from a file at the same path.
mkdir -p "$root/static$(dirname "$path")" "$root/nginx-tmp"
file="$root/static$path"
case "$path" in */) file="${file}index.html" ;; esac
curl -s -o "$file" "$url$path"
chmod 755 "$root"  # nginx workers run unprivileged
chmod -R a+rX "$root/static"
nginx_port="$(free_port)"
cat >"$root/nginx.conf" <<EOF
worker_processes $nginx_workers;
pid $root/nginx.pid;
error_log $root/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=100;
  open_file_cache_valid 60s;
  client_body_temp_path $root/nginx-tmp; proxy_temp_path $root/nginx-tmp;
  fastcgi_temp_path $root/nginx-tmp; uwsgi_temp_path $root/nginx-tmp; scgi_temp_path $root/nginx-tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $root/static;
    default_type "text/html; charset=utf-8";
    location / { add_header Cache-Control "public, no-cache"; }
  }
}
EOF
nginx -c "$root/nginx.conf" -p "$root" -e "$root/nginx-error.log"
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port$path" && break; sleep 0.1; done

a="$(curl -s "$url$path" | md5sum)"; b="$(curl -s "http://127.0.0.1:$nginx_port$path" | md5sum)"
[ "$a" = "$b" ] || { echo "nginx and wirepress do not serve the same bytes at $path:" >&2; curl -si "http://127.0.0.1:$nginx_port$path" | head -5 >&2; exit 1; }
bytes="$(stat -c %s "$file")"

# 3. wrk, alternating. Every response must be a 200 (wrk counts the rest).
run() {  # name url -> "req/s p99_ms"
  local out
  out="$(wrk -t"$wrk_threads" -c"$conns" -d"${duration}s" --latency "$2")"
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    echo "$1: errors:" >&2; echo "$out" >&2; exit 1
  fi
  local rps p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")"
  echo "$rps $p99"
}
echo "story page $path ($bytes bytes); wrk -t$wrk_threads -c$conns -d${duration}s;" \
  "serve --threads $serve_threads vs nginx worker_processes $nginx_workers; load $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t1 -c"$conns" -d2s "$url$path" >/dev/null  # warm both
wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$nginx_port$path" >/dev/null
sum_w=0; sum_n=0
for r in $(seq "$rounds"); do
  read -r w_rps w_p99 <<<"$(run wirepress "$url$path")"
  read -r n_rps n_p99 <<<"$(run nginx "http://127.0.0.1:$nginx_port$path")"
  printf 'round %d: wirepress %9.0f req/s p99 %7.2f ms | nginx %9.0f req/s p99 %7.2f ms | ratio %.2f\n' \
    "$r" "$w_rps" "$w_p99" "$n_rps" "$n_p99" "$(awk -v a="$w_rps" -v b="$n_rps" 'BEGIN {print a / b}')"
  sum_w="$(awk -v a="$sum_w" -v b="$w_rps" 'BEGIN {print a + b}')"
  sum_n="$(awk -v a="$sum_n" -v b="$n_rps" 'BEGIN {print a + b}')"
done
printf 'overall: wirepress/nginx req/s = %.2f (goal >= 1.0); load after %s\n' \
  "$(awk -v a="$sum_w" -v b="$sum_n" 'BEGIN {print a / b}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
