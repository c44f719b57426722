package android.os;

public final class MessageQueue {
    public interface IdleHandler {
        boolean queueIdle();
    }

    public void addIdleHandler(IdleHandler h) {
        // Run once right away on the main looper: the app is idle as soon as its start is over.
        new Handler(Looper.getMainLooper()).post(() -> h.queueIdle());
    }

    public void removeIdleHandler(IdleHandler h) { h.hashCode(); }
    public boolean isIdle() { return true; }
}
