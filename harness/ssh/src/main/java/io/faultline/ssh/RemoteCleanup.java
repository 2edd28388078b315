package io.faultline.ssh;

/**
 * What faultline leaves on a host and how it goes away, as one shell script run as root (through
 * sudo when asked): for each state file, the processes it recorded (only those still carrying the
 * run's FAULTLINE_RUN tag, so a reused pid is never hit), then the run directory (data, logs,
 * uploads, faketime offset files), then the state file itself; every iptables chain named
 * FAULTLINE-*, unhooked from INPUT and deleted; and every root qdisc with faultline's handle
 * ({@link NetemLinks#HANDLE}). The host's other rules and qdiscs are never touched.
 */
final class RemoteCleanup {
    /** Every run directory and state file lives here; nothing outside it is ever removed. */
    static final String BASE = "/var/tmp/faultline";

    private RemoteCleanup() {
    }

    /**
     * @param stateFiles a shell word list: one file, or a glob such as {@code BASE/*.state}
     * @param skipAlive  leave state files whose harness (recorded as {@code harness HOST PID}) is a
     *                   live process on this very host
     * @param dryRun     say what would go, remove nothing
     */
    static String script(String stateFiles, boolean skipAlive, boolean dryRun) {
        String act = dryRun ? "act() { echo \"would remove $1\"; }; do_() { :; }"
                : "act() { echo \"removed $1\"; }; do_() { \"$@\"; }";
        return String.join("\n",
                "set -u", act,
                "me=$(hostname)",
                "for f in " + stateFiles + "; do",
                "  [ -f \"$f\" ] || continue",
                "  tag=$(sed -n 's/^tag //p' \"$f\")",
                "  if " + (skipAlive ? "true" : "false") + "; then",
                "    set -- $(sed -n 's/^harness //p' \"$f\")",
                "    if [ \"${1:-}\" = \"$me\" ] && [ -n \"${2:-}\" ] && kill -0 \"$2\" 2>/dev/null; then echo \"skipped ($f: its harness, pid $2, still runs)\"; continue; fi",
                "  fi",
                "  for p in $(sed -n 's/^pid //p' \"$f\"); do",
                "    if [ -n \"$tag\" ] && [ -r /proc/$p/environ ] && tr '\\0' '\\n' < /proc/$p/environ | grep -qx \"FAULTLINE_RUN=$tag\"; then",
                "      do_ kill -CONT $p 2>/dev/null; do_ kill -KILL $p 2>/dev/null; act \"process $p ($tag)\"",
                "      i=0; while [ -d /proc/$p ] && [ $i -lt 50 ] && ! grep -q '^State:.*Z' /proc/$p/status 2>/dev/null; do sleep 0.1; i=$((i+1)); done",
                "    fi",
                "  done",
                "  d=$(sed -n 's/^dir //p' \"$f\")",
                "  case \"$d\" in " + BASE + "/?*) [ -e \"$d\" ] && { do_ rm -rf \"$d\"; act \"run directory $d\"; };; esac",
                "  do_ rm -f \"$f\"; act \"state file $f\"",
                "done",
                "if command -v iptables >/dev/null 2>&1; then",
                "  for c in $(iptables -w -S 2>/dev/null | sed -n 's/^-N \\(FAULTLINE-[A-Za-z0-9_.-]*\\)$/\\1/p'); do",
                "    if [ " + (dryRun ? "1" : "0") + " = 0 ]; then while iptables -w -D INPUT -j \"$c\" 2>/dev/null; do :; done;"
                        + " iptables -w -F \"$c\" && iptables -w -X \"$c\" || { echo \"cannot remove chain $c\" >&2; exit 1; }; fi",
                "    act \"iptables chain $c\"",
                "  done",
                "fi",
                // tc netem of the packet nemesis: a root qdisc with faultline's handle, on any device;
                // and a scratch namespace of a netem probe whose shell is gone.
                "if command -v tc >/dev/null 2>&1; then",
                "  for d in $(ip -o link show 2>/dev/null | sed -n 's/^[0-9]*: \\([^:@]*\\).*/\\1/p'); do",
                "    if tc qdisc show dev \"$d\" root 2>/dev/null | grep -q '^qdisc prio " + NetemLinks.HANDLE + " '; then"
                        + " do_ tc qdisc del dev \"$d\" root; act \"tc netem on $d\"; fi",
                "  done",
                "  for n in $(ip netns list 2>/dev/null | sed -n 's/^\\(faultline-netem-probe-\\([0-9]*\\)\\).*/\\1 \\2/p' | while read n p; do"
                        + " kill -0 \"$p\" 2>/dev/null || echo \"$n\"; done); do do_ ip netns del \"$n\"; act \"netem probe namespace $n\"; done",
                "fi",
                "exit 0");
    }
}
