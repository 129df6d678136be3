#!/usr/bin/env python3
"""FTS5 settings for the stories_fts index, measured alone (issue 4).

Inserts N generated stories (the ingest_bench shape: 9-word headline,
30-word standfirst, 8 x 55-word paragraphs from a 5,000-word Zipf-like
vocabulary) into an FTS5 table like SQLite schema 2's, 200 per
transaction (WAL, synchronous=NORMAL, wal_autocheckpoint 16384), then
times a few bm25-ranked queries. Prints insert CPU seconds, file size and
query CPU per query. Uses Python's sqlite3 (the same system libsqlite3).

  python3 bench/fts5_settings.py 100000 "content=''" 4
  python3 bench/fts5_settings.py 100000 "content=''" 8
  python3 bench/fts5_settings.py 100000 "" 4             # with content

Arguments: stories, extra fts5 options (e.g. "content='', detail=column"),
automerge (default 4, FTS5's and schema 2's).
"""
import os
import random
import sqlite3
import sys
import tempfile
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
options = sys.argv[2] if len(sys.argv) > 2 else "content=''"
automerge = int(sys.argv[3]) if len(sys.argv) > 3 else 4

random.seed(42)
vocab = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz')
                 for _ in range(random.randint(3, 10))) for _ in range(5000)]


def words(k):
    out = []
    for _ in range(k):
        u = random.random()
        out.append(vocab[int(u * u * len(vocab))])
    return ' '.join(out)


docs = [(words(9), words(30), ' '.join(words(55) + '.' for _ in range(8)))
        for _ in range(n)]
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'fts.db')
    c = sqlite3.connect(path, isolation_level=None)
    c.execute('PRAGMA journal_mode = WAL')
    c.execute('PRAGMA synchronous = NORMAL')
    c.execute('PRAGMA wal_autocheckpoint = 16384')
    extra = (', ' + options) if options else ''
    c.execute("CREATE VIRTUAL TABLE f USING fts5 (headline, description, body, "
              "tokenize = 'unicode61 remove_diacritics 2'%s)" % extra)
    c.execute("INSERT INTO f (f, rank) VALUES ('automerge', ?)", (automerge,))
    start = time.process_time()
    for i in range(0, n, 200):
        c.execute('BEGIN IMMEDIATE')
        c.executemany('INSERT INTO f (rowid, headline, description, body) VALUES (?, ?, ?, ?)',
                      [(k + 1,) + docs[k] for k in range(i, min(n, i + 200))])
        c.execute('COMMIT')
    insert_cpu = time.process_time() - start
    c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    size = os.path.getsize(path)
    timings = []
    for name, query in [('common', '"%s"' % vocab[3]), ('mid', '"%s"' % vocab[1500]),
                        ('rare', '"%s"' % vocab[4900]),
                        ('two words + prefix', '"%s" "%s"*' % (vocab[700], vocab[2000][:3]))]:
        start = time.process_time()
        for _ in range(10):
            c.execute('SELECT rowid, bm25(f, 10.0, 3.0, 1.0) AS s FROM f WHERE f MATCH ? '
                      'ORDER BY s LIMIT 20', (query,)).fetchall()
        timings.append('%s %.1f ms' % (name, (time.process_time() - start) / 10 * 1000))
    c.close()
print('%d stories, options "%s", automerge %d: insert %.2f s CPU, %.0f MB; query CPU: %s'
      % (n, options, automerge, insert_cpu, size / 1e6, ', '.join(timings)))
