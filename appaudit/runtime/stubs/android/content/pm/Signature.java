package android.content.pm;

public class Signature {
    private final byte[] bytes;

    public Signature(byte[] bytes) { this.bytes = bytes; }
    public Signature(String hex) { this.bytes = hex.getBytes(); }
    public byte[] toByteArray() { return bytes.clone(); }
    public String toCharsString() { return new String(bytes); }
}
