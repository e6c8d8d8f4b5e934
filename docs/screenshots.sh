#!/usr/bin/env bash
# Regenerates the console's screenshots in docs/:
#   docs/console.png      the sample application's console, with its database failed through the actuator (the
#                         sample runs with the database's restarts off, so that the failure stays on screen)
#   docs/console-200.png  the console over the 200 services of the starter's browser test (LayeredServiceGraph),
#                         written by LifecycleConsoleLargeGraphBrowserTests with -Dconsole.screenshots=docs
#
# Needs JDK 17+, curl, python3 (to read ChromeDriver's JSON) and Chromium (or Chrome) with its ChromeDriver, as the
# starter's browser tests do:
#   sudo apt-get install chromium chromium-driver
# Run from anywhere: docs/screenshots.sh. Environment: CHROME_BIN (the browser, default: chromium, chromium-browser
# or google-chrome on the PATH), CHROMEDRIVER (default: chromedriver on the PATH), PORT (the sample's port, default
# 18080, on 127.0.0.1), DRIVER_PORT (ChromeDriver's, default 18515).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
docs="$root/docs"
port="${PORT:-18080}"
chrome="${CHROME_BIN:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
driver="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
driver_port="${DRIVER_PORT:-18515}"
if [[ -z "$chrome" || -z "$driver" ]]; then
  echo "No Chromium (or Chrome) and ChromeDriver found: install them (sudo apt-get install chromium chromium-driver)," \
      "or set CHROME_BIN and CHROMEDRIVER." >&2
  exit 1
fi
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "Port $port is in use: set PORT to a free one, for example PORT=18081 $0" >&2
  exit 1
fi

echo "== Building the sample application"
(cd "$root" && ./mvnw -B -ntp -q -pl lifecycle-sample-app -am package -DskipTests)
jar="$(ls "$root"/lifecycle-sample-app/target/lifecycle-sample-app-*.jar | grep -v -- '-plain\.jar$' | head -n 1)"

work="$(mktemp -d)"
app=""
chromedriver_pid=""
cleanup() {
  for pid in "$chromedriver_pid" "$app"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Starting it on 127.0.0.1:$port (log: $work/sample.log)"
(cd "$work" && exec java -jar "$jar" --server.port="$port" \
    --sample.settings-file="$work/data/sample-settings.properties" \
    --lifecycle.services.database.restart.enabled=false) >"$work/sample.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/liveness"; then
    break
  fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "The sample did not start:" >&2
    tail -n 40 "$work/sample.log" >&2
    exit 1
  fi
  sleep 0.5
done

echo "== Failing the database through the actuator"
curl -sf -X POST "http://127.0.0.1:$port/actuator/services/database" -H 'Content-Type: application/json' \
    -d '{"action":"fail","reason":"Connection refused: db.example.internal:5432"}' >/dev/null
for _ in $(seq 1 40); do
  if curl -sf "http://127.0.0.1:$port/actuator/services/repository" | grep -q '"state":"WAITING"'; then
    break
  fi
  sleep 0.25
done

echo "== docs/console.png"
# Through ChromeDriver, so that the picture is taken once the page shows what it should: the change stream connected
# ("live") and the timeline drawn from the history, all four services on it.
"$driver" --port="$driver_port" >"$work/chromedriver.log" 2>&1 &
chromedriver_pid=$!
webdriver() { # method, path, JSON body: prints the answer's "value" as JSON
  curl -sf -X "$1" "http://127.0.0.1:$driver_port$2" -H 'Content-Type: application/json' ${3:+-d "$3"} \
      | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["value"]))'
}
for _ in $(seq 1 40); do
  curl -sf -o /dev/null "http://127.0.0.1:$driver_port/status" && break
  sleep 0.25
done
session="$(webdriver POST /session '{"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "'"$chrome"'",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1000"]}}}}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["sessionId"])')"
webdriver POST "/session/$session/url" '{"url": "http://127.0.0.1:'"$port"'/lifecycle#database"}' >/dev/null
ready='{"script": "return document.getElementById(\"mode\").textContent === \"live\" && document.querySelectorAll(\"#timeline g.row\").length >= 4 && document.querySelector(\"#details h2\") !== null", "args": []}'
for _ in $(seq 1 60); do
  [[ "$(webdriver POST "/session/$session/execute/sync" "$ready")" == "true" ]] && break
  sleep 0.25
done
webdriver GET "/session/$session/screenshot" \
    | python3 -c 'import base64, json, sys; sys.stdout.buffer.write(base64.b64decode(json.load(sys.stdin)))' \
    >"$docs/console.png"
webdriver DELETE "/session/$session" >/dev/null

echo "== docs/console-200.png"
(cd "$root" && ./mvnw -B -ntp -q -pl lifecycle-spring-boot-starter -am test \
    -Dtest='LifecycleConsoleLargeGraphBrowserTests#opensReadableOnTheFailedServiceAndFitShowsAllTwoHundred' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dconsole.screenshots="$docs")

ls -l "$docs/console.png" "$docs/console-200.png"
