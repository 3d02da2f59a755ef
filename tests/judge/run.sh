#!/usr/bin/env bash
# npm run judge [-- <posts dir>]: serves a posts folder with `npm start` on a free loopback port and
# runs ../shared/judge (W3C feedvalidator, RELAX NG, JSON Feed schema, xmllint, feedparser, newsboat,
# npm parsers, Nu Html Checker) in --strict mode on every kind of route.
#
# Needs root (apt), the judge folder (JUDGE_DIR, default ../shared/judge) and, for feedvalidator and
# jing, a git copy of github.com/w3c/feedvalidator in FEEDVALIDATOR_GIT. Not run in CI, which has neither.
set -euo pipefail
cd "$(dirname "$0")/../.."
posts=${1:-../shared/corpus/finews}
judge_src=${JUDGE_DIR:-../shared/judge}
work=${JUDGE_WORK:-/tmp/feed-publisher-judge}
[ -d "$judge_src" ] || { echo "no judge at $judge_src (set JUDGE_DIR)" >&2; exit 2; }
if [ ! -x "$work/judge.sh" ]; then
  mkdir -p "$work" && cp -r "$judge_src"/. "$work" && chmod -R u+w "$work"
fi
"$work/setup.sh" >&2

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
state=$(mktemp -d)
export WRANGLER_SEND_METRICS=false
npm start --silent -- --posts "$posts" --port "$port" --state "$state" --no-cache > "$state/server.log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || kill $server 2>/dev/null; pkill -f "wrangler dev.*--port $port" 2>/dev/null; rm -rf "$state"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -sf -o /dev/null "$base/" && break; sleep 1; done
curl -sf -o /dev/null "$base/" || { cat "$state/server.log" >&2; exit 1; }

# every kind of route: main feeds, a paged window, jekyll-feed's paths, a category and a tag in
# each format, the home page, a category page and the five newest articles
category=$(curl -s "$base/opml.xml" | grep -o 'xmlUrl="[^"]*/category/[^"]*/atom.xml"' | head -1 | sed 's|.*/category/||; s|/atom.xml"||')
tag=$(curl -s "$base/opml.xml" | grep -o 'xmlUrl="[^"]*/tag/[^"]*/atom.xml"' | head -1 | sed 's|.*/tag/||; s|/atom.xml"||')
articles=$(curl -s "$base/feed.json" | grep -o '"url": "[^"]*"' | head -5 | sed 's|"url": "||; s|"$||; s|^http://[^/]*/||')
paths=(rss.xml atom.xml feed.json feed.xml "rss.xml?page=2&limit=5" "atom.xml?page=2&limit=5" "feed.json?page=2&limit=5"
  "category/$category/rss.xml" "category/$category/atom.xml" "category/$category/feed.json" "feed/$category.xml"
  "tag/$tag/rss.xml" "tag/$tag/atom.xml" "tag/$tag/feed.json" "" "category/$category/" $articles)
"$work/judge.sh" --strict "$base" "${paths[@]}"
