# Sourced by ./faultline, ./mvnw and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME first, then the JDKs installed on the system, newest first.

faultline_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

faultline_find_jdk() {
  candidates=""
  [ -n "${JAVA_HOME:-}" ] && candidates="$JAVA_HOME"
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$dir" ] && candidates="$candidates
$dir"
  done
  best=""; best_major=0
  first=1
  while IFS= read -r cand; do
    [ -n "$cand" ] || continue
    if [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ]; then
      major=$(faultline_java_major "$cand")
      case "$major" in ''|*[!0-9]*) major=0 ;; esac
      if [ "$first" = 1 ] && [ -n "${JAVA_HOME:-}" ] && [ "$cand" = "$JAVA_HOME" ] && [ "$major" -ge 21 ]; then
        echo "$cand"; return 0
      fi
      if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$cand"; best_major=$major; fi
    fi
    first=0
  done <<EOC
$candidates
EOC
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

faultline_use_jdk() {
  if ! jdk=$(faultline_find_jdk); then
    echo "faultline: no JDK >= 21 found (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm, /opt/java, ~/.sdkman)." >&2
    echo "faultline: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 21+, and/or set JAVA_HOME." >&2
    return 3
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}
