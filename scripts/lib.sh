# Shared by scripts/demo and scripts/bench: build what is missing, then run a harness main class.
# Sourced, not executed.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Builds the reactor when the agent jar or one of the named test-app jars is missing.
ensure_built() {
  local missing=false app
  [[ -f agent/target/crosstalk-agent.jar ]] || missing=true
  for app in "$@"; do
    [[ -f "test-apps/$app/target/$app.jar" ]] || missing=true
  done
  if [[ "$missing" == true ]]; then
    echo "building the project (mvn -q -B package -DskipTests) ..." >&2
    mvn -q -B package -DskipTests
  fi
  ensure_harness_built
}

# Compiles the harness when its classes or class path file are missing.
ensure_harness_built() {
  if [[ ! -f harness/target/classpath.txt || ! -d harness/target/classes/dev/crosstalk/harness ]]; then
    mvn -q -B -f harness/pom.xml compile
  fi
}

# Runs a harness main class with the project's JDK (JAVA_HOME if set), behind the words in
# HARNESS_PREFIX if set (e.g. "taskset -c 1").
run_harness() {
  local main="$1"
  shift
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  # shellcheck disable=SC2086 # the prefix is words on purpose
  exec ${HARNESS_PREFIX:-} "$java" -Dcrosstalk.root="$root" -cp "harness/target/classes:$(cat harness/target/classpath.txt)" \
    "dev.crosstalk.harness.$main" "$@"
}
