package android.location;

import appaudit.harness.Profile;

public class LocationManager {
    public Location getLastKnownLocation(String provider) {
        if (Profile.get("location_precise.lat") == null) return null;
        return new Location(provider, Profile.getDouble("location_precise.lat"), Profile.getDouble("location_precise.lng"));
    }
}
