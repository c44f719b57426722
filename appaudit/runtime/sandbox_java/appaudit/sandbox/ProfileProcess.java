package appaudit.sandbox;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What Runtime.exec / ProcessBuilder.start return in the sandbox: a finished process whose output is
 * the device profile's answer to the command (the agent picks it; see sandbox.py). No command is run.
 */
public final class ProfileProcess extends Process {
    private final InputStream stdout;
    private final InputStream stderr;
    private final int exit;

    public ProfileProcess(String stdout, String stderr, int exit) {
        this.stdout = new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
        this.stderr = new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8));
        this.exit = exit;
    }

    @Override public OutputStream getOutputStream() { return OutputStream.nullOutputStream(); }
    @Override public InputStream getInputStream() { return stdout; }
    @Override public InputStream getErrorStream() { return stderr; }
    @Override public int waitFor() { return exit; }
    @Override public boolean waitFor(long timeout, TimeUnit unit) { return true; }
    @Override public int exitValue() { return exit; }
    @Override public boolean isAlive() { return false; }
    @Override public void destroy() {}
    @Override public long pid() { return 4242; }
}
