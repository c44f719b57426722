package android.os;

import java.util.PriorityQueue;

/**
 * A message queue drained by one thread, as on Android. The main looper runs on its own daemon thread
 * ("main"); delays are shortened (at most appaudit.maxDelayMs, 1 s by default) so that work an SDK
 * schedules for later still runs within the recording.
 */
public final class Looper {
    private static final ThreadLocal<Looper> CURRENT = new ThreadLocal<>();
    private static Looper main;
    static final long MAX_DELAY = Long.getLong("appaudit.maxDelayMs", 1000L);

    final PriorityQueue<Message> queue = new PriorityQueue<>((a, b) -> a.when != b.when ? Long.compare(a.when, b.when) : Long.compare(a.seq, b.seq));
    private long seq;
    private volatile Thread thread;
    private volatile boolean quit;

    private Looper() {}

    public static synchronized Looper getMainLooper() {
        if (main == null) {
            main = new Looper();
            main.replaceThread();
        }
        return main;
    }

    /**
     * The main looper goes on on a new thread (the harness: app code took its thread and never returned); the
     * old thread stops looping when it gets back, if ever.
     */
    public synchronized void replaceThread() {
        Thread t = new Thread(() -> {
            CURRENT.set(this);
            loopHere();
        }, "main");
        t.setDaemon(true);
        thread = t;
        t.start();
        notifyAll();
    }

    /** R run on this looper's thread after the messages already due (the harness's entry points). */
    public void post(Runnable r) {
        Message m = new Message();
        m.callback = r;
        enqueue(m, SystemClock.uptimeMillis());
    }

    public static void prepareMainLooper() { getMainLooper(); }

    public static void prepare() {
        if (CURRENT.get() == null) {
            Looper l = new Looper();
            l.thread = Thread.currentThread();
            CURRENT.set(l);
        }
    }

    /** The harness thread plays Android's main thread: its looper is the main looper. */
    public static Looper myLooper() {
        Looper l = CURRENT.get();
        if (l == null && "main".equals(Thread.currentThread().getName())) return getMainLooper();
        return l;
    }

    public static MessageQueue myQueue() { return new MessageQueue(); }

    public static void loop() {
        Looper l = CURRENT.get();
        if (l == null) throw new RuntimeException("No Looper; Looper.prepare() wasn't called on this thread.");
        l.loopHere();
    }

    void loopHere() {
        while (!quit && Thread.currentThread() == thread) {
            Message m;
            synchronized (this) {
                m = queue.peek();
                long now = SystemClock.uptimeMillis();
                if (m == null || m.when > now) {
                    try {
                        wait(m == null ? 200 : Math.max(1, m.when - now));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                queue.poll();
            }
            try {
                if (m.target != null) m.target.dispatchMessage(m);
                else if (m.callback != null) m.callback.run();
            } catch (Throwable t) {
                // An uncaught exception on a looper kills an Android app; here the run goes on.
                System.err.println("appaudit harness: looper " + Thread.currentThread().getName() + ": " + t);
            }
        }
    }

    synchronized boolean enqueue(Message m, long uptime) {
        if (quit) return false;
        long now = SystemClock.uptimeMillis();
        m.when = Math.min(uptime, now + MAX_DELAY);
        m.seq = seq++;
        queue.add(m);
        notifyAll();
        return true;
    }

    synchronized void remove(Handler h, int what, Runnable r, Object obj, boolean all) {
        queue.removeIf(m -> m.target == h && (all || (r != null ? m.callback == r : (m.what == what && m.callback == null)))
                && (obj == null || m.obj == obj));
    }

    synchronized boolean has(Handler h, int what, Runnable r) {
        for (Message m : queue) if (m.target == h && (r != null ? m.callback == r : m.what == what)) return true;
        return false;
    }

    public Thread getThread() { return thread; }
    public boolean isCurrentThread() { return Thread.currentThread() == thread; }
    public MessageQueue getQueue() { return new MessageQueue(); }

    public synchronized void quit() {
        quit = true;
        notifyAll();
    }

    public void quitSafely() { quit(); }

    @Override
    public String toString() { return "Looper (" + (thread == null ? "?" : thread.getName()) + ")"; }
}
