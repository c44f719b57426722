package android.telephony;

import appaudit.harness.Profile;

public class TelephonyManager {
    public String getDeviceId() { return Profile.get("imei"); }
    public String getImei() { return Profile.get("imei"); }
    public String getSubscriberId() { return Profile.get("imsi"); }
    public String getLine1Number() { return Profile.get("phone_number"); }
}
