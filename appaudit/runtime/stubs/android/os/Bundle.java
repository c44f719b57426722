package android.os;

public class Bundle {
    public Bundle() {}
}
