# Shared by the perf scripts: builds perf/target/benchmarks.jar when needed, JVM flags, result stamps.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../../bin/lib/common.sh"

PERF_HOME="$BOOSTJ_HOME/perf"
PERF_JAR="$PERF_HOME/target/benchmarks.jar"

# JAVA_HOME picks the JDK (e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64); otherwise java on the PATH.
if [ -n "${JAVA_HOME:-}" ]; then
  export PATH="$JAVA_HOME/bin:$PATH"
fi

# Builds perf (and what it needs, offline) when the shaded jar is missing or older than any main source or pom.
# PERF_NO_BUILD=1 skips the check. A failed rebuild falls back to the existing jar, with a warning.
perf_ensure_built() {
  if [ "${PERF_NO_BUILD:-0}" = "1" ] && [ -f "$PERF_JAR" ]; then
    return 0
  fi
  if [ ! -f "$PERF_JAR" ] || \
     [ -n "$(find "$BOOSTJ_HOME" -path '*/src/main/*' -newer "$PERF_JAR" -print -quit 2>/dev/null)" ] || \
     [ -n "$(find "$BOOSTJ_HOME" -maxdepth 2 -name pom.xml -newer "$PERF_JAR" -print -quit 2>/dev/null)" ]; then
    echo "[perf] building perf/target/benchmarks.jar ..." >&2
    if ! (cd "$BOOSTJ_HOME" && mvn -B -o -q -pl perf -am install -DskipTests >&2); then
      if [ -f "$PERF_JAR" ]; then
        echo "[perf] WARNING: build failed; using the existing $PERF_JAR" >&2
      else
        echo "[perf] build failed and there is no benchmarks.jar" >&2
        exit 1
      fi
    fi
  fi
}

perf_java_flags() {
  boostj_java_flags
}

perf_stamp() {
  date +%Y%m%d-%H%M%S
}
