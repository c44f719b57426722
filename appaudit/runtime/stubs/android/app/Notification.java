package android.app;

public class Notification {
    public Notification() {}
}
