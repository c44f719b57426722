package appaudit.sandbox;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The sandboxed JVM's gate (runtime/sandbox.py). It is the first java agent, which puts it on the class
 * path and starts the proxy relay, and the main class: sandbox.py inserts it before the harness's main class.
 * Its main tells the host it is ready (the `ready` FIFO) and blocks until the host has attached Frida and
 * installed the hooks (EOF on the `go` FIFO), then calls the real main class. It waits in main and not in
 * premain because Frida's Java bridge needs a created VM (JNI_GetCreatedJavaVMs counts a VM only once its
 * java agents have run). So no app code runs unobserved, although bubblewrap, not Frida, started the JVM.
 *
 * The relay: the sandbox's network namespace has only loopback. When a proxy is configured, a listener on
 * 127.0.0.1:PORT inside the namespace copies each connection to a Unix socket bound into the sandbox,
 * whose host side connects to the configured proxy and nowhere else.
 *
 * Agent arguments: ready=PATH,go=PATH[,relay=PORT@SOCKET]; main arguments: REAL_MAIN_CLASS ARGS...
 */
public final class Gate {
    private static String ready;
    private static String go;

    private Gate() {}

    public static void premain(String args) {
        try {
            String relay = null;
            for (String kv : (args == null ? "" : args).split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) continue;
                String k = kv.substring(0, eq);
                String v = kv.substring(eq + 1);
                if (k.equals("ready")) ready = v;
                else if (k.equals("go")) go = v;
                else if (k.equals("relay")) relay = v;
            }
            if (relay != null) {
                int at = relay.indexOf('@');
                startRelay(Integer.parseInt(relay.substring(0, at)), relay.substring(at + 1));
            }
        } catch (IOException | RuntimeException e) {
            fail(e); // without its relay the app would be offline where the user asked for a proxy
        }
    }

    public static void main(String[] args) throws Throwable {
        try {
            if (ready != null) {
                try (OutputStream out = new FileOutputStream(ready)) {
                    out.write("ready\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            if (go != null) {
                try (InputStream in = new FileInputStream(go)) {
                    byte[] buf = new byte[64];
                    while (in.read(buf) != -1) {
                        // EOF: the host has attached and the hooks are in place (readAllBytes seeks: not on a FIFO)
                    }
                }
            }
        } catch (IOException e) {
            fail(e); // never run the app past a broken gate: it would run unobserved
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) rest);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void fail(Exception e) {
        System.err.println("appaudit sandbox gate: " + e);
        Runtime.getRuntime().halt(70);
    }

    private static void startRelay(int port, String socket) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        daemon(() -> {
            while (true) {
                try {
                    Socket client = server.accept();
                    SocketChannel up = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    InputStream in = client.getInputStream();
                    OutputStream out = client.getOutputStream();
                    daemon(() -> {
                        byte[] buf = new byte[16384];
                        try {
                            int n;
                            while ((n = in.read(buf)) > 0) {
                                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                                while (b.hasRemaining()) up.write(b);
                            }
                            up.shutdownOutput();
                        } catch (IOException e) {
                            close(client, up);
                        }
                    });
                    // The channel is read and written directly: Channels.newInputStream/newOutputStream hold
                    // its blocking lock while blocked, so one direction would wait for the other forever.
                    daemon(() -> {
                        ByteBuffer b = ByteBuffer.allocate(16384);
                        try {
                            while (up.read(b) > 0) {
                                out.write(b.array(), 0, b.position());
                                out.flush();
                                b.clear();
                            }
                        } catch (IOException e) {
                            // a side closed
                        }
                        close(client, up);
                    });
                } catch (IOException e) {
                    if (server.isClosed()) return;
                }
            }
        });
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "appaudit-proxy-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket client, SocketChannel up) {
        try { client.close(); } catch (IOException e) { /* closing */ }
        try { up.close(); } catch (IOException e) { /* closing */ }
    }
}
