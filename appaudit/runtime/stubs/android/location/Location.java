package android.location;

public class Location {
    private final String provider;
    private final double lat;
    private final double lng;

    public Location(String provider, double lat, double lng) {
        this.provider = provider;
        this.lat = lat;
        this.lng = lng;
    }

    public double getLatitude() { return lat; }
    public double getLongitude() { return lng; }

    @Override
    public String toString() { return "Location[" + provider + " " + lat + "," + lng + "]"; }
}
