package android.os;

public class HandlerThread extends Thread {
    private Looper looper;
    private Handler handler;

    public HandlerThread(String name) { super(name); setDaemon(true); }
    public HandlerThread(String name, int priority) { this(name); }

    protected void onLooperPrepared() { looper.hashCode(); }

    @Override
    public void run() {
        Looper.prepare();
        synchronized (this) {
            looper = Looper.myLooper();
            notifyAll();
        }
        onLooperPrepared();
        Looper.loop();
    }

    public Looper getLooper() {
        if (!isAlive() && looper == null) return null;
        synchronized (this) {
            while (looper == null) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    return null;
                }
                if (!isAlive() && looper == null) return null;
            }
        }
        return looper;
    }

    public Handler getThreadHandler() { if (handler == null) handler = new Handler(getLooper()); return handler; }
    public boolean quit() { Looper l = getLooper(); if (l != null) l.quit(); return l != null; }
    public boolean quitSafely() { return quit(); }
    public int getThreadId() { return (int) getId(); }
}
