# Shared by the launchers in bin/: builds what is missing on first use, then runs a main class with the JVM flags
# the libraries need (see docs/OPERATIONS.md for what each flag is for).
set -euo pipefail

BOOSTJ_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

boostj_java_flags() {
  local flags=(
    --add-opens java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens java.base/java.nio=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Dchronicle.analytics.disable=true
    -XX:+UseG1GC -XX:MaxGCPauseMillis=5 -XX:+AlwaysPreTouch
  )
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}')
  if [ "${major%%.*}" -ge 24 ] 2>/dev/null; then
    flags+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
  fi
  printf '%s\n' "${flags[@]}"
}

# boostj_ensure_built MODULE: builds MODULE (and what it needs) unless its jar and libs exist and are newer than the sources.
boostj_ensure_built() {
  local module="$1"
  local jar
  jar=$(ls "$BOOSTJ_HOME/$module/target/$module"-*.jar 2>/dev/null | grep -v -e tests.jar -e sources.jar | head -n 1 || true)
  if [ -z "$jar" ] || [ ! -d "$BOOSTJ_HOME/$module/target/lib" ] || \
     [ -n "$(find "$BOOSTJ_HOME" -path '*/src/main/*' -newer "$jar" -print -quit 2>/dev/null)" ] || \
     [ -n "$(find "$BOOSTJ_HOME" -maxdepth 2 -name pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "[boostj] building $module (first use or sources changed)..." >&2
    (cd "$BOOSTJ_HOME" && mvn -B -q -DskipTests -pl "$module" -am install >&2)
  fi
}

# boostj_run MODULE MAIN_CLASS ARGS...: builds if needed, then execs java.
boostj_run() {
  local module="$1" main="$2"
  shift 2
  boostj_ensure_built "$module"
  local jar
  jar=$(ls "$BOOSTJ_HOME/$module/target/$module"-*.jar | grep -v -e tests.jar -e sources.jar | head -n 1)
  local flags
  mapfile -t flags < <(boostj_java_flags)
  exec java "${flags[@]}" ${BOOSTJ_JAVA_OPTS:-} -cp "$jar:$BOOSTJ_HOME/$module/target/lib/*" "$main" "$@"
}
