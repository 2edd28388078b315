package io.faultline.ssh;

import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.Faketime;
import io.faultline.env.NodeBase;
import io.faultline.env.NodeProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node on a remote host. The store sees the same node folder as anywhere else
 * ({@code results/.../nodes/<node>}); on the host that folder is {@link #remoteDir()}, and a
 * command's paths are translated on the way: paths in the node folder map to the run directory on
 * the host, other files of this machine a command names (raftstore's classes, ZooKeeper's jars,
 * an {@code --etcd-bin}) are uploaded once into it, {@code java} becomes a Java 21+ found on the
 * host, and another program named by an absolute path becomes the host's program of that name.
 * Logs are written on the host and copied back into the node folder when a process exits and at
 * the end of the run.
 */
final class SshNode extends NodeBase<SshProcess> {
    private static final Duration UPLOAD_LIMIT = Duration.ofMinutes(5);
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/etc", "/proc", "/dev", "/sys", "/bin", "/lib", "/sbin", "/run");
    /** Finds a Java >= 21 on a host whose login PATH may not have one (sshd resets PATH). */
    private static final String FIND_JAVA = "for j in \"$(command -v java)\" \"${JAVA_HOME:-/none}/bin/java\" /usr/lib/jvm/*/bin/java"
            + " /opt/*/bin/java /usr/local/*/bin/java; do [ -x \"$j\" ] || continue;"
            + " v=$(\"$j\" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p');"
            + " case \"$v\" in ''|1.*) continue;; esac; [ \"${v%%.*}\" -ge 21 ] 2>/dev/null && { echo \"$j\"; exit 0; }; done; exit 1";

    private final SshHost ssh;
    private final String remoteDir;
    private final String stateFile;
    private final String runTag;
    private final Optional<Path> etcdBin;
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final Map<Path, Long> forwardedLogBytes = new ConcurrentHashMap<>();
    private volatile String hostJava;

    SshNode(String name, SshHost host, Path dir, String remoteDir, String stateFile, String runTag,
            Optional<Path> etcdBin, Optional<String> faketimeLibrary) {
        super(name, host.address(), dir, faketimeLibrary.map(Path::of));
        this.ssh = host;
        this.remoteDir = remoteDir;
        this.stateFile = stateFile;
        this.runTag = runTag;
        this.etcdBin = etcdBin;
    }

    SshHost sshHost() {
        return ssh;
    }

    String remoteDir() {
        return remoteDir;
    }

    String stateFile() {
        return stateFile;
    }

    @Override
    public Path offsetFile() {
        return Path.of(remoteDir, "faketime.offset");
    }

    @Override
    public void writeOffset(long offsetMillis) {
        try {
            ssh.writeFile(offsetFile().toString(), Faketime.format(offsetMillis) + "\n");
        } catch (IOException e) {
            throw new EnvironmentException("cannot write the clock offset of " + name + " on host " + ssh + ": " + e.getMessage(), e);
        }
    }

    @Override
    public NodeProcess spawn(List<String> command, Map<String, String> env, Path log) throws IOException {
        if (command.isEmpty()) throw new IllegalArgumentException("node " + name + ": empty command");
        Path logFile = log.toAbsolutePath().normalize();
        if (!logFile.startsWith(dir)) {
            throw new IllegalArgumentException("node " + name + ": log " + log + " must be inside the node folder " + dir);
        }
        syncUp();
        String remoteLog = remote(logFile);
        forwardLog(logFile, remoteLog);
        List<String> argv = translate(command);
        Map<String, String> vars = new LinkedHashMap<>(env);
        vars.put("FAULTLINE_RUN", runTag); // how cleanup tells this run's processes from a reused pid
        vars.putAll(faketimeEnvironment());
        List<String> envArgv = new ArrayList<>(List.of("env"));
        vars.forEach((k, v) -> envArgv.add(k + "=" + v));
        // The pid goes into the state file before the program runs: a crash of the harness right
        // after this still leaves cleanup the process to kill.
        String launch = "echo \"pid $$\" >> " + Shell.quote(stateFile) + " && echo $$ && cd " + Shell.quote(remoteDir)
                + " && exec " + Shell.join(envArgv) + " " + Shell.join(argv) + " >> " + Shell.quote(remoteLog) + " 2>&1 < /dev/null";
        SshProcess p = SshProcess.start(ssh, name + ": " + Path.of(command.get(0)).getFileName(), launch, this::fetchLogsQuietly);
        track(p);
        return p;
    }

    @Override
    public ExecResult exec(List<String> command) throws IOException, InterruptedException {
        if (command.isEmpty()) throw new IllegalArgumentException("node " + name + ": empty command");
        return ssh.runPrivileged(Shell.join(command), EXEC_LIMIT);
    }

    @Override
    public ExecResult execUnderFaketime(List<String> command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("env"));
        faketimeEnvironment().forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(command);
        return ssh.run(Shell.join(argv), EXEC_LIMIT);
    }

    @Override
    public Optional<String> whyClockIgnored() {
        return whyClockIgnored(argv -> ssh.run(Shell.join(argv), EXEC_LIMIT));
    }

    /** A file of the node folder is in the run directory on the host (a config naming its data folder). */
    @Override
    public String pathOnNode(Path local) {
        Path p = local.toAbsolutePath().normalize();
        return p.startsWith(dir) ? remote(p) : p.toString();
    }

    /** The path on the host for a path in this node's folder. */
    String remote(Path local) {
        Path rel = dir.relativize(local.toAbsolutePath().normalize());
        return rel.toString().isEmpty() ? remoteDir : remoteDir + "/" + rel;
    }

    List<String> translate(List<String> command) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(program(command.get(0)));
        for (String arg : command.subList(1, command.size())) out.add(translateArg(arg));
        return out;
    }

    private String translateArg(String arg) throws IOException {
        int eq = arg.indexOf('=');
        if (eq > 0 && eq + 1 < arg.length() && arg.charAt(eq + 1) == '/' && arg.startsWith("-")) {
            return arg.substring(0, eq + 1) + translateArg(arg.substring(eq + 1));
        }
        if (!arg.startsWith("/")) return arg;
        String[] pieces = arg.split(":", -1);
        // A class path names a couple of dozen jars (ZooKeeper's): one tar stream for all, not one each.
        uploadAll(java.util.Arrays.stream(pieces).map(this::toUpload).flatMap(Optional::stream).toList());
        List<String> parts = new ArrayList<>();
        for (String piece : pieces) parts.add(translatePath(piece));
        return String.join(":", parts);
    }

    private String translatePath(String piece) throws IOException {
        Optional<Path> up = toUpload(piece);
        if (up.isPresent()) return upload(up.get());
        if (!piece.startsWith("/")) return piece;
        Path p = Path.of(piece).normalize();
        return p.startsWith(dir) ? remote(p) : piece;
    }

    /** The local file an argument piece names that must go up to the host: outside the node folder and the system's. */
    private Optional<Path> toUpload(String piece) {
        if (!piece.startsWith("/")) return Optional.empty();
        Path p = Path.of(piece).normalize();
        if (p.startsWith(dir) || SYSTEM_DIRS.stream().anyMatch(d -> p.startsWith(Path.of(d))) || p.getNameCount() == 0
                || !Files.exists(p)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Uploads the files not up yet in one tar stream, each under its own absolute path below one folder. */
    private void uploadAll(List<Path> locals) throws IOException {
        synchronized (uploads) {
            List<Path> fresh = locals.stream().distinct().filter(p -> !uploads.containsKey(p.toString())).toList();
            if (fresh.size() < 2) return; // one file goes up by itself, as before
            String target = remoteDir + "/files/" + uploads.size();
            List<String> tar = new ArrayList<>(List.of("tar", "-h", "-C", "/", "-cf", "-"));
            fresh.forEach(p -> tar.add(Path.of("/").relativize(p).toString()));
            streamTar(tar, "mkdir -p " + Shell.quote(target) + " && tar -xf - -C " + Shell.quote(target),
                    "upload of " + fresh.size() + " files (" + fresh.getFirst().getFileName() + ", ...)");
            fresh.forEach(p -> uploads.put(p.toString(), target + p));
        }
    }

    private String program(String first) throws IOException {
        Path p = Path.of(first);
        if (!p.isAbsolute()) return first;
        String base = p.getFileName().toString();
        if (base.equals("java")) return java();
        if (etcdBin.isPresent() && etcdBin.get().getFileName().toString().equals(base)) {
            return upload(etcdBin.get().toAbsolutePath().normalize());
        }
        ExecResult r = ssh.run("command -v " + Shell.quote(base), EXEC_LIMIT);
        if (!r.ok() || r.stdout().isBlank()) {
            throw new EnvironmentException("host " + ssh + " has no '" + base + "' on its PATH: install it there"
                    + (base.equals("etcd") ? " (apt-get install etcd-server) or pass --etcd-bin FILE to upload one" : ""));
        }
        return r.stdout().strip();
    }

    /** A Java 21+ on the host, found once; raftstore and ZooKeeper run on it. */
    String java() throws IOException {
        String j = hostJava;
        if (j != null) return j;
        ExecResult r = ssh.run(FIND_JAVA, EXEC_LIMIT);
        if (!r.ok() || r.stdout().isBlank()) {
            throw new EnvironmentException("host " + ssh + " has no Java 21 or newer (looked on PATH, in JAVA_HOME,"
                    + " /usr/lib/jvm/*, /opt/*, /usr/local/*): install one there, e.g. apt-get install openjdk-21-jre-headless");
        }
        hostJava = r.stdout().strip();
        return hostJava;
    }

    /** Copies a file or folder of this machine into the run directory on the host, once; returns its path there. */
    private String upload(Path local) throws IOException {
        String key = local.toString();
        String done = uploads.get(key);
        if (done != null) return done;
        synchronized (uploads) {
            done = uploads.get(key);
            if (done != null) return done;
            String target = remoteDir + "/files/" + uploads.size();
            streamTar(List.of("tar", "-C", local.getParent().toString(), "-cf", "-", local.getFileName().toString()),
                    "mkdir -p " + Shell.quote(target) + " && tar -xf - -C " + Shell.quote(target), "upload of " + local);
            String path = target + "/" + local.getFileName();
            uploads.put(key, path);
            return path;
        }
    }

    /**
     * The node folder's files other than logs (configs a store wrote, empty data folders) go up before
     * each start; files already on the host are kept, so a restart never rolls data or logs back.
     */
    private void syncUp() throws IOException {
        Files.createDirectories(dir);
        streamTar(List.of("tar", "-C", dir.toString(), "--exclude=*.log", "-cf", "-", "."),
                "mkdir -p " + Shell.quote(remoteDir) + " && tar -xf - --skip-old-files -C " + Shell.quote(remoteDir),
                "copying " + dir + " to the host");
    }

    /** What the harness wrote into a log here since the last start (the start marks) is appended on the host. */
    private void forwardLog(Path local, String remoteLog) throws IOException {
        if (!Files.exists(local)) return;
        byte[] all = Files.readAllBytes(local);
        long from = forwardedLogBytes.getOrDefault(local, 0L);
        if (from > all.length) from = 0;
        byte[] fresh = Arrays.copyOfRange(all, (int) from, all.length);
        ExecResult r = ssh.run("cat >> " + Shell.quote(remoteLog), new ByteArrayInputStream(fresh), EXEC_LIMIT);
        if (!r.ok()) throw ssh.failure("appending to " + remoteLog, r);
        forwardedLogBytes.put(local, (long) all.length);
    }

    /** Copies the node's logs (everything but data and uploads) from the host into the node folder. */
    synchronized void fetchLogs() throws IOException {
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "-xf", "-", "-C", dir.toString()).redirectErrorStream(true).start();
        int code;
        try (OutputStream in = tar.getOutputStream()) {
            // A run directory cleanup already removed yields an empty archive, not an error.
            code = ssh.run("if [ -d " + Shell.quote(remoteDir) + " ]; then cd " + Shell.quote(remoteDir)
                    + " && tar -cf - --exclude=./data --exclude=./files .; else tar -cf - -T /dev/null; fi",
                    InputStream.nullInputStream(), in, OutputStream.nullOutputStream(), UPLOAD_LIMIT);
        }
        String localOut = new String(tar.getInputStream().readAllBytes());
        try {
            if (tar.waitFor() != 0 || code != 0) {
                throw new IOException("copying the logs of " + name + " from host " + ssh + " failed (remote exit " + code
                        + "): " + localOut.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted copying logs of " + name, e);
        }
        // The copy replaced the local logs with the host's, which already hold the forwarded marks.
        try (var files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".log")).forEach(f -> {
                try {
                    forwardedLogBytes.put(f.toAbsolutePath().normalize(), Files.size(f));
                } catch (IOException e) {
                    forwardedLogBytes.remove(f);
                }
            });
        }
    }

    private void fetchLogsQuietly() {
        try {
            fetchLogs();
        } catch (IOException | RuntimeException e) {
            // The end of the run fetches them again and reports a failure there.
        }
    }

    private void streamTar(List<String> localTar, String remoteCommand, String what) throws IOException {
        Process tar = new ProcessBuilder(localTar).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ExecResult r;
        try (InputStream in = tar.getInputStream()) {
            r = ssh.run(remoteCommand, in, UPLOAD_LIMIT);
        }
        try {
            if (tar.waitFor() != 0) throw new IOException(what + ": the local tar failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        }
        if (!r.ok()) throw ssh.failure(what, r);
    }

    @Override
    public String toString() {
        return name + "@" + ssh + " (" + ssh.address() + ")";
    }
}
