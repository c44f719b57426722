package android.os;

public final class Messenger {
    private final Handler target;

    public Messenger(Handler target) { this.target = target; }
    public Messenger(IBinder binder) { this.target = null; }

    public void send(Message m) throws RemoteException {
        if (target != null) target.sendMessage(m);
    }

    public IBinder getBinder() { return null; }
}
