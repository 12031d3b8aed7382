#!/usr/bin/env bash
# Checks the production deployment files without a Docker engine (run by .ci/run; exit 0 = valid):
#   1. docker-compose.yml: Debian's docker-compose 1.29 resolves it (`config -q`) with the secrets of
#      a throwaway .env made from .env.example, refuses it without them, and the resolved services
#      have the shape the README promises (checked in Python: docker-compose brings python3-yaml);
#   2. Dockerfile: dockerfile-utils (the linter behind the Docker language server; hadolint is not
#      packaged for Debian bookworm nor on npm) reports nothing, and the stages are as documented;
#   3. deploy/Caddyfile: Caddy parses it (`caddy adapt`, which starts nothing), and its upstreams are
#      the API services of the compose file.
set -uo pipefail
cd "$(dirname "$0")/.."

DOCKERFILE_UTILS="$(dirname "$0")/../node_modules/.bin/dockerfile-utils"
failures=0
fail() {
  echo "deploy: FAIL: $*"
  failures=$((failures + 1))
}

for tool in docker-compose python3 caddy; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install docker-compose caddy)"
done
[ "$failures" -eq 0 ] || exit 1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The compose file resolves .env beside itself: check a copy, so a real .env is neither needed nor read.
cp docker-compose.yml "$work/"
cp .env.example "$work/.env"

# 1. Compose. Without secrets it must refuse, naming the variable.
if out="$(cd "$work" && docker-compose -f docker-compose.yml config -q 2>&1)"; then
  fail "docker-compose.yml resolves without POSTGRES_PASSWORD: a secret has a default"
elif ! grep -q POSTGRES_PASSWORD <<<"$out"; then
  fail "docker-compose.yml without secrets fails, but not naming POSTGRES_PASSWORD: $out"
fi
printf '\n# Throwaway values for the check only.\nPOSTGRES_PASSWORD=validate-only\nJWT_SECRET=validate-only-0123456789abcdefghijklmnop\n' >>"$work/.env"
if ! (cd "$work" && docker-compose -f docker-compose.yml config -q); then
  fail "docker-compose -f docker-compose.yml config -q"
elif ! (cd "$work" && docker-compose -f docker-compose.yml config) >"$work/resolved.yml"; then
  fail "docker-compose config could not print the resolved file"
else
  embedded_major="$(node -p "require('./package.json').dependencies['embedded-postgres'].split('.')[0]")"
  # Caddy's own reading of the Caddyfile (defaults of its {$...} placeholders, as in the image).
  (env -u DOORWAY_API_UPSTREAMS -u DOORWAY_CLIENT_ROOT -u DOORWAY_SITE caddy adapt --adapter caddyfile --config deploy/Caddyfile >"$work/caddy.json" 2>/dev/null)
  if ! python3 - "$work/resolved.yml" docker-compose.yml "$work/caddy.json" "$embedded_major" <<'PY'; then
import json
import re
import sys

import yaml

resolved_path, raw_path, caddy_json_path, embedded_major = sys.argv[1:5]
resolved = yaml.safe_load(open(resolved_path))
raw = yaml.safe_load(open(raw_path))
try:
    caddy = json.load(open(caddy_json_path))
except ValueError:
    caddy = {}
services = resolved.get("services", {})
problems = []


def target(service):
    build = service.get("build")
    return build.get("target") if isinstance(build, dict) else None


pg = services.get("postgres", {})
if pg.get("image") != f"postgres:{embedded_major}":
    problems.append(f"postgres must use the official postgres:{embedded_major} image (embedded-postgres {embedded_major}), not {pg.get('image')}")
if "healthcheck" not in pg:
    problems.append("postgres has no healthcheck")
named_volumes = set((resolved.get("volumes") or {}).keys())
pg_volumes = [v.get("source") if isinstance(v, dict) else str(v).split(":")[0] for v in pg.get("volumes", [])]
if not any(v in named_volumes for v in pg_volumes):
    problems.append("postgres keeps its data in no named volume")

apis = sorted(name for name, s in services.items() if target(s) == "api")
if len(apis) < 2:
    problems.append(f"at least two API replicas are built from the Dockerfile's api stage, found {apis}")
for name in apis:
    s = services[name]
    test = " ".join(s.get("healthcheck", {}).get("test", []))
    if "/api/ready" not in test:
        problems.append(f"{name}: the healthcheck must ask /api/ready, got {test!r}")
    if s.get("ports"):
        problems.append(f"{name}: publishes a port; the API is reached through the proxy only")
    if "postgres" not in (s.get("depends_on") or {}):
        problems.append(f"{name}: does not wait for postgres")
    if "env_file" not in raw.get("services", {}).get(name, {}):
        problems.append(f"{name}: secrets must come from env_file: .env")
    env = s.get("environment", {})
    if env.get("NODE_ENV") != "production" or not str(env.get("DATABASE_URL", "")).startswith("postgres://"):
        problems.append(f"{name}: needs NODE_ENV=production and a DATABASE_URL")
    if not env.get("TRUST_PROXY"):
        problems.append(f"{name}: TRUST_PROXY is unset, so the proxy's X-Forwarded-* headers would be ignored")

proxies = [name for name, s in services.items() if target(s) == "proxy"]
if len(proxies) != 1:
    problems.append(f"one proxy service is built from the Dockerfile's proxy stage, found {proxies}")
else:
    proxy = services[proxies[0]]
    if not proxy.get("ports"):
        problems.append("the proxy publishes no port")



def walk(node, route_match=None):
    """Each reverse_proxy handler of Caddy's JSON, with the path_regexp of the route holding it."""
    if isinstance(node, dict):
        for m in node.get("match", []):
            if "path_regexp" in m:
                route_match = m["path_regexp"]["pattern"]
        if node.get("handler") == "reverse_proxy":
            yield node, route_match
        for value in node.values():
            yield from walk(value, route_match)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, route_match)


proxies_in_caddy = list(walk(caddy))
if not proxies_in_caddy:
    problems.append("deploy/Caddyfile has no reverse_proxy (or caddy adapt failed, see below)")
# The proxy balances exactly the API services of this file.
for handler, _ in proxies_in_caddy:
    hosts = sorted({u["dial"].split(":")[0] for u in handler.get("upstreams", [])})
    if hosts != apis:
        problems.append(f"deploy/Caddyfile balances {hosts}, the compose file runs {apis}")
streaming = [pattern for handler, pattern in proxies_in_caddy if handler.get("flush_interval") == -1 and pattern]
if not streaming:
    problems.append("deploy/Caddyfile must pass the event streams through unbuffered (flush_interval -1 on a path_regexp route)")
else:
    pattern = re.compile(streaming[0])
    for path in ["/api/documents/bpf-cybersecurity-2016/events", "/api/exports/0b5e/events"]:
        if not pattern.search(path):
            problems.append(f"deploy/Caddyfile's event route does not match {path}")
    if pattern.search("/api/documents/bpf-cybersecurity-2016"):
        problems.append("deploy/Caddyfile's event route also matches ordinary API reads")

# A draft's page goes to the replicas (they render it on the server), and nothing else of the client does.
page_routes = [pattern for handler, pattern in proxies_in_caddy if pattern and "documents" in pattern and "api" not in pattern]
if not page_routes:
    problems.append("deploy/Caddyfile sends no /documents/{slug} route to the API replicas (server rendering)")
else:
    pattern = re.compile(page_routes[0])
    if not pattern.search("/documents/bpf-cybersecurity-2016"):
        problems.append("deploy/Caddyfile's page route does not match /documents/bpf-cybersecurity-2016")
    for path in ["/documents/bpf-cybersecurity-2016/versions", "/main-ABCDEFGH.js", "/"]:
        if pattern.search(path):
            problems.append(f"deploy/Caddyfile's page route also matches {path}")
for name in apis:
    if not (services[name].get("environment") or {}).get("CLIENT_DIR"):
        problems.append(f"{name}: CLIENT_DIR is empty, so the replica cannot render a draft's page")

for p in problems:
    print(f"deploy: FAIL: {p}")
sys.exit(1 if problems else 0)
PY
    failures=$((failures + 1))
  fi
fi

# 2. Dockerfile: the linter, then the stages this deployment relies on.
if ! lint="$("$DOCKERFILE_UTILS" lint --json Dockerfile)"; then
  fail "dockerfile-utils lint: $lint"
elif [ "$lint" != "[]" ]; then
  fail "dockerfile-utils lint: $lint"
fi
if ! python3 - Dockerfile <<'PY'; then
import re
import sys

stages = {}
current = None
for line in open(sys.argv[1]).read().replace("\\\n", " ").splitlines():
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    word, _, rest = line.partition(" ")
    word = word.upper()
    if word == "FROM":
        m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
        current = (m.group(2) or f"stage{len(stages)}").lower()
        stages[current] = []
    elif current:
        stages[current].append((word, rest))

problems = []
names = list(stages)
if names[-1:] != ["api"]:
    problems.append(f"the last stage (what a plain `docker build` makes) must be api, stages are {names}")
for needed in ("build", "proxy", "api"):
    if needed not in stages:
        problems.append(f"no {needed} stage")
api = stages.get("api", [])
users = [rest for word, rest in api if word == "USER"]
if not users or users[-1].split(":")[0] in ("root", "0"):
    problems.append("the api stage must end as a non-root USER")
if not any(word == "HEALTHCHECK" and "/api/ready" in rest for word, rest in api):
    problems.append("the api stage has no HEALTHCHECK on /api/ready")
if not any(word == "RUN" and "npm ci" in rest and "--omit=dev" in rest for word, rest in api):
    problems.append("the api stage must install production dependencies only (npm ci --omit=dev)")
if any(word == "COPY" and "--from=build" in rest and "node_modules" in rest for word, rest in api):
    problems.append("the api stage copies the build stage's node_modules (dev dependencies included)")
build = stages.get("build", [])
if not any(word == "RUN" and "npm ci" in rest for word, rest in build) or not any(word == "RUN" and "nx run-many -t build" in rest for word, rest in build):
    problems.append("the build stage must npm ci and nx build")
if not any(word == "COPY" and "--from=build" in rest and "dist/client" in rest for word, rest in stages.get("proxy", [])):
    problems.append("the proxy stage must carry the built client")
if not any(word == "COPY" and "--from=build" in rest and "dist/client" in rest for word, rest in api):
    problems.append("the api stage must carry the built client and its server renderer")

for p in problems:
    print(f"deploy: FAIL: Dockerfile: {p}")
sys.exit(1 if problems else 0)
PY
  failures=$((failures + 1))
fi

# 3. Caddyfile: parsed and adapted to Caddy's JSON (`adapt` without --validate starts no health checks).
if ! caddy adapt --adapter caddyfile --config deploy/Caddyfile >/dev/null 2>"$work/caddy.err"; then
  fail "caddy adapt deploy/Caddyfile: $(grep -v '"level":"warn"' "$work/caddy.err")"
fi

if [ "$failures" -eq 0 ]; then
  echo "deploy: docker-compose.yml, Dockerfile and deploy/Caddyfile are valid"
  exit 0
fi
echo "deploy: $failures problem(s)"
exit 1
