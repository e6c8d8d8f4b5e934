#!/usr/bin/env bash
# Start-up as users see it: the time from launching the sample application's JVM until
# GET /actuator/health/readiness answers 200, with the lifecycle starter (dev.lifecycle.sample.SampleApplication)
# and without it (dev.lifecycle.plainsample.PlainSampleApplication: the same services as plain SmartLifecycle
# beans and the same web layer, found by the same component scan, the starter's auto-configurations left out). Both
# run from the same dependencies (the plain one adds the sample's test classes, where it lives), one after the other,
# alternating which goes first, each on a fresh settings file and database.
#
#   lifecycle-benchmarks/startup-share.sh            # 10 measured runs of each after 2 warm-ups
#   RUNS=20 WARMUP=3 JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java lifecycle-benchmarks/startup-share.sh
#
# Prints a markdown table: median (min-max) of each, and the starter's share of the start-up,
# (starter - plain) / starter, from the medians.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
JAVA=${JAVA:-java}
PORT=${PORT:-18089}
POLL=${POLL:-0.01}

echo "Building the sample and its class path..." >&2
./mvnw -B -ntp -q -pl lifecycle-sample-app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/startup.classpath -Dmdep.includeScope=runtime >&2
sample=lifecycle-sample-app
dependencies=$(cat "$sample/target/startup.classpath")
# The sample runs from its main classes alone, as it is deployed: with its test classes on the class path, its
# component scan of dev.lifecycle.sample would read them too. The plain application lives in the test classes (in a
# package of its own, which scans nothing else).
starter_classpath="$sample/target/classes:$dependencies"
plain_classpath="$sample/target/classes:$sample/target/test-classes:$dependencies"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run of main class $1 on class path $2: prints the milliseconds from launch to readiness 200.
run() {
    local main=$1 classpath=$2 dir
    dir=$(mktemp -d "$work/run.XXXX")
    local start end pid
    start=$(date +%s%N)
    "$JAVA" -cp "$classpath" "$main" --server.port="$PORT" --sample.settings-file="$dir/settings.properties" \
        --spring.main.banner-mode=off --logging.level.root=WARN > "$dir/out.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/actuator/health/readiness")" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$main exited before it was ready:" >&2
            cat "$dir/out.log" >&2
            exit 1
        fi
        sleep "$POLL"
    done
    end=$(date +%s%N)
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    echo $(( (end - start) / 1000000 ))
}

starter_main=dev.lifecycle.sample.SampleApplication
plain_main=dev.lifecycle.plainsample.PlainSampleApplication
: > "$work/starter" ; : > "$work/plain"
for ((i = 0; i < WARMUP + RUNS; i++)); do
    if (( i % 2 == 0 )); then order="starter plain"; else order="plain starter"; fi
    for variant in $order; do
        if [ "$variant" = starter ]; then ms=$(run "$starter_main" "$starter_classpath")
        else ms=$(run "$plain_main" "$plain_classpath"); fi
        if (( i >= WARMUP )); then echo "$ms" >> "$work/$variant"; fi
        echo "run $((i + 1)) $variant: $ms ms" >&2
    done
done

# median (min-max) of the numbers in file $1
summary() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.0f %d %d\n", m, v[1], v[NR] }'
}
read -r sm smin smax < <(summary "$work/starter")
read -r pm pmin pmax < <(summary "$work/plain")
share=$(awk -v s="$sm" -v p="$pm" 'BEGIN { printf "%+.1f%%", (s - p) * 100 / s }')

echo
echo "Start-up to readiness 200, $RUNS runs each after $WARMUP warm-ups, $("$JAVA" -version 2>&1 | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| application | launch to readiness 200, ms | starter's share |"
echo "|---|---:|---:|"
echo "| sample with the starter | $sm ($smin–$smax) | $share |"
echo "| the same services as plain SmartLifecycle beans | $pm ($pmin–$pmax) | |"
