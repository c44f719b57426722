package android.net.wifi;

import appaudit.harness.Profile;

public class WifiInfo {
    public String getMacAddress() { return Profile.get("mac", "02:00:00:00:00:00"); }
    /** Android returns the SSID in double quotes when it is valid UTF-8. */
    public String getSSID() {
        String ssid = Profile.get("wifi_info.0");
        if (ssid == null) return "<unknown ssid>";
        return ssid.startsWith("\"") ? ssid : "\"" + ssid + "\"";
    }

    public String getBSSID() { return Profile.get("wifi_info.1", "02:00:00:00:00:00"); }

    @Override
    public String toString() { return "SSID: " + getSSID() + ", BSSID: " + getBSSID(); }
}
