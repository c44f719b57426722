package android.os;

public class RemoteException extends android.util.AndroidException {
    public RemoteException() { super(); }
    public RemoteException(String message) { super(message); }
}
