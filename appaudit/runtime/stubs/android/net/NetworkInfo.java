package android.net;

/** The device is on Wi-Fi (the profile's network): SDKs skip their work when offline. */
public class NetworkInfo {
    public NetworkInfo() {}
    public boolean isConnected() { return true; }
    public boolean isConnectedOrConnecting() { return true; }
    public boolean isAvailable() { return true; }
    public boolean isRoaming() { return false; }
    public int getType() { return 1; }
    public String getTypeName() { return "WIFI"; }
    public int getSubtype() { return 0; }
    public String getSubtypeName() { return ""; }
    public String getExtraInfo() { return null; }
    @Override public String toString() { return "[type: WIFI[], state: CONNECTED/CONNECTED]"; }
}
