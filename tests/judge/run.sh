#!/usr/bin/env bash
# npm run judge [-- <site>]: serves a Jekyll site (default posts/) with `npm start` on a free loopback
# port and runs ../shared/judge (W3C feedvalidator, RELAX NG, JSON Feed schema, xmllint, feedparser, newsboat,
# npm parsers, Nu Html Checker) in --strict mode on every kind of route, below the site's baseurl.
#
# Needs root (apt), the judge folder (JUDGE_DIR, default ../shared/judge) and, for feedvalidator and
# jing, a git copy of github.com/w3c/feedvalidator in FEEDVALIDATOR_GIT. Not run in CI, which has neither.
set -euo pipefail
cd "$(dirname "$0")/../.."
posts=${1:-posts}
judge_src=${JUDGE_DIR:-../shared/judge}
work=${JUDGE_WORK:-/tmp/feed-publisher-judge}
[ -d "$judge_src" ] || { echo "no judge at $judge_src (set JUDGE_DIR)" >&2; exit 2; }
if [ ! -x "$work/judge.sh" ]; then
  mkdir -p "$work" && cp -r "$judge_src"/. "$work" && chmod -R u+w "$work"
fi
"$work/setup.sh" >&2

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# the site's baseurl and jekyll-feed's paths, as the publish reads them from its _config.yml
{ read -r baseurl; read -r feed_path; read -r category_feed_path; read -r tag_feed_path; } < <(npx tsx tests/judge/site-paths.ts "$posts")
state=$(mktemp -d)
export WRANGLER_SEND_METRICS=false
# its own process group, so that the trap stops npm, wrangler and workerd together
setsid npm start --silent -- --posts "$posts" --port "$port" --state "$state" --no-cache > "$state/server.log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null; rm -rf "$state"' EXIT
base="http://127.0.0.1:$port$baseurl"
for _ in $(seq 1 120); do curl -sf -o /dev/null "$base/" && break; sleep 1; done
curl -sf -o /dev/null "$base/" || { cat "$state/server.log" >&2; exit 1; }

# every kind of route: main feeds, a paged window, jekyll-feed's paths, a category and a tag in
# each format (when the site has any), the home page, /categories/, a category page and the five
# newest articles, and a search (`?q=` two letters of the newest title) as a page and as feeds
listing=$(curl -s "$base/categories/")
category=$(grep -o 'href="[^"]*/category/[^"/]*/"' <<< "$listing" | head -1 | sed 's|.*/category/||; s|/"$||' || true)
tag=$(grep -o 'href="[^"]*/tag/[^"/]*/"' <<< "$listing" | head -1 | sed 's|.*/tag/||; s|/"$||' || true)
articles=$(curl -s "$base/feed.json" | grep -o '"url": "[^"]*"' | head -5 | sed 's|"url": "||; s|"$||' | sed "s|^$base/||" || true)
[ -n "$articles" ] || { echo "$posts published no post (is it a Jekyll site's root, with _posts/?)" >&2; tail -3 "$state/server.log" >&2; exit 1; }
paths=(rss.xml atom.xml feed.json "$feed_path" "rss.xml?page=2&limit=2" "atom.xml?page=2&limit=2" "feed.json?page=2&limit=2" "" categories/)
[ -n "$category" ] && paths+=("category/$category/rss.xml" "category/$category/atom.xml" "category/$category/feed.json"
  "${category_feed_path/NAME/$category}" "category/$category/")
[ -n "$tag" ] && paths+=("tag/$tag/rss.xml" "tag/$tag/atom.xml" "tag/$tag/feed.json" "${tag_feed_path/NAME/$tag}" "tag/$tag/")
term=$(curl -s "$base/feed.json" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const t=JSON.parse(s).items[0]?.title??"";const w=[...t].filter((c)=>/[\p{L}\p{N}]/u.test(c)).slice(0,2).join("");process.stdout.write(encodeURIComponent(w))})')
if [ -n "$term" ]; then
  # the query's one spelling, as the Worker redirects to it
  search=$(curl -s -o /dev/null -w '%{redirect_url}' "$base/?q=$term"); search=${search:-$base/?q=$term}
  paths+=("?${search#*\?}" "rss.xml?${search#*\?}" "atom.xml?${search#*\?}" "feed.json?${search#*\?}")
fi
"$work/judge.sh" --strict "$base" "${paths[@]}" $articles
