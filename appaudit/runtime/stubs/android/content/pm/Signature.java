package android.content.pm;

/** An app's signing certificate, as Android gives it: the DER bytes, or their hex as chars. */
public class Signature {
    private final byte[] bytes;

    public Signature(byte[] bytes) { this.bytes = bytes.clone(); }

    public Signature(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        this.bytes = b;
    }

    public byte[] toByteArray() { return bytes.clone(); }

    public String toCharsString() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        return sb.toString();
    }

    @Override public int hashCode() { return java.util.Arrays.hashCode(bytes); }

    @Override
    public boolean equals(Object o) { return o instanceof Signature && java.util.Arrays.equals(bytes, ((Signature) o).bytes); }
}
