package android.os;

public final class Message {
    public int what;
    public int arg1;
    public int arg2;
    public Object obj;
    public Messenger replyTo;
    public int sendingUid = -1;
    Handler target;
    Runnable callback;
    long when;
    long seq;
    private Bundle data;

    public Message() {}

    public static Message obtain() { return new Message(); }

    public static Message obtain(Message orig) {
        Message m = new Message();
        m.what = orig.what; m.arg1 = orig.arg1; m.arg2 = orig.arg2; m.obj = orig.obj; m.target = orig.target;
        m.callback = orig.callback; m.data = orig.data; m.replyTo = orig.replyTo;
        return m;
    }

    public static Message obtain(Handler h) { Message m = new Message(); m.target = h; return m; }
    public static Message obtain(Handler h, Runnable callback) { Message m = obtain(h); m.callback = callback; return m; }
    public static Message obtain(Handler h, int what) { Message m = obtain(h); m.what = what; return m; }
    public static Message obtain(Handler h, int what, Object obj) { Message m = obtain(h, what); m.obj = obj; return m; }
    public static Message obtain(Handler h, int what, int arg1, int arg2) { Message m = obtain(h, what); m.arg1 = arg1; m.arg2 = arg2; return m; }
    public static Message obtain(Handler h, int what, int arg1, int arg2, Object obj) { Message m = obtain(h, what, arg1, arg2); m.obj = obj; return m; }

    public Handler getTarget() { return target; }
    public void setTarget(Handler h) { target = h; }
    public Runnable getCallback() { return callback; }
    public long getWhen() { return when; }
    public Bundle getData() { if (data == null) data = new Bundle(); return data; }
    public Bundle peekData() { return data; }
    public void setData(Bundle b) { data = b; }
    public void sendToTarget() { target.sendMessage(this); }
    public void recycle() { obj = null; }
    public void setAsynchronous(boolean async) { seq = seq + 0; }
    public boolean isAsynchronous() { return false; }

    @Override
    public String toString() { return "{ what=" + what + " arg1=" + arg1 + " arg2=" + arg2 + " obj=" + obj + " }"; }
}
