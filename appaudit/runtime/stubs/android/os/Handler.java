package android.os;

/** Android's Handler on the stub Looper: posted work runs on the looper's thread, in time order. */
public class Handler {
    public interface Callback {
        boolean handleMessage(Message msg);
    }

    private final Looper looper;
    private final Callback callback;

    public Handler() { this(null, null); }
    public Handler(Callback callback) { this(null, callback); }
    public Handler(Looper looper) { this(looper, null); }
    public Handler(Looper looper, Callback callback) {
        Looper l = looper != null ? looper : Looper.myLooper();
        this.looper = l != null ? l : Looper.getMainLooper();
        this.callback = callback;
    }
    public Handler(Looper looper, Callback callback, boolean async) { this(looper, callback); }
    public Handler(boolean async) { this(null, null); }
    public Handler(Callback callback, boolean async) { this(null, callback); }

    public static Handler createAsync(Looper looper) { return new Handler(looper); }
    public static Handler createAsync(Looper looper, Callback callback) { return new Handler(looper, callback); }

    public void handleMessage(Message msg) { msg.hashCode(); }

    public void dispatchMessage(Message msg) {
        if (msg.callback != null) {
            msg.callback.run();
        } else {
            if (callback != null && callback.handleMessage(msg)) return;
            handleMessage(msg);
        }
    }

    public Looper getLooper() { return looper; }
    public String getMessageName(Message m) { return m.callback != null ? m.callback.getClass().getName() : "0x" + Integer.toHexString(m.what); }

    public Message obtainMessage() { return Message.obtain(this); }
    public Message obtainMessage(int what) { return Message.obtain(this, what); }
    public Message obtainMessage(int what, Object obj) { return Message.obtain(this, what, obj); }
    public Message obtainMessage(int what, int arg1, int arg2) { return Message.obtain(this, what, arg1, arg2); }
    public Message obtainMessage(int what, int arg1, int arg2, Object obj) { return Message.obtain(this, what, arg1, arg2, obj); }

    public boolean post(Runnable r) { return sendMessageAtTime(Message.obtain(this, r), SystemClock.uptimeMillis()); }
    public boolean postAtTime(Runnable r, long uptime) { return sendMessageAtTime(Message.obtain(this, r), uptime); }
    public boolean postAtTime(Runnable r, Object token, long uptime) { Message m = Message.obtain(this, r); m.obj = token; return sendMessageAtTime(m, uptime); }
    public boolean postDelayed(Runnable r, long delay) { return sendMessageDelayed(Message.obtain(this, r), delay); }
    public boolean postDelayed(Runnable r, Object token, long delay) { Message m = Message.obtain(this, r); m.obj = token; return sendMessageDelayed(m, delay); }
    public boolean postAtFrontOfQueue(Runnable r) { return sendMessageAtTime(Message.obtain(this, r), 0); }

    public boolean sendMessage(Message m) { return sendMessageDelayed(m, 0); }
    public boolean sendEmptyMessage(int what) { return sendMessage(Message.obtain(this, what)); }
    public boolean sendEmptyMessageDelayed(int what, long delay) { return sendMessageDelayed(Message.obtain(this, what), delay); }
    public boolean sendEmptyMessageAtTime(int what, long uptime) { return sendMessageAtTime(Message.obtain(this, what), uptime); }
    public boolean sendMessageDelayed(Message m, long delay) { return sendMessageAtTime(m, SystemClock.uptimeMillis() + Math.max(0, delay)); }
    public boolean sendMessageAtTime(Message m, long uptime) { m.target = this; return looper.enqueue(m, uptime); }
    public boolean sendMessageAtFrontOfQueue(Message m) { return sendMessageAtTime(m, 0); }

    public void removeCallbacks(Runnable r) { looper.remove(this, 0, r, null, false); }
    public void removeCallbacks(Runnable r, Object token) { looper.remove(this, 0, r, token, false); }
    public void removeMessages(int what) { looper.remove(this, what, null, null, false); }
    public void removeMessages(int what, Object obj) { looper.remove(this, what, null, obj, false); }
    public void removeCallbacksAndMessages(Object token) { looper.remove(this, 0, null, token, true); }
    public boolean hasMessages(int what) { return looper.has(this, what, null); }
    public boolean hasMessages(int what, Object obj) { return looper.has(this, what, null); }
    public boolean hasCallbacks(Runnable r) { return looper.has(this, 0, r); }

    @Override
    public String toString() { return "Handler (" + getClass().getName() + ") {" + Integer.toHexString(System.identityHashCode(this)) + "}"; }
}
