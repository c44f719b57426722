package android.util;

import java.nio.charset.StandardCharsets;

/** android.util.Base64 on the JDK's codec, with Android's flags (SDKs encode ids and payloads with it). */
public final class Base64 {
    public static final int DEFAULT = 0;
    public static final int NO_PADDING = 1;
    public static final int NO_WRAP = 2;
    public static final int CRLF = 4;
    public static final int URL_SAFE = 8;
    public static final int NO_CLOSE = 16;
    private static final int LINE = 76;

    private Base64() {}

    public static byte[] encode(byte[] input, int flags) { return encode(input, 0, input.length, flags); }

    /** As on Android: without NO_WRAP, lines of 76 characters, each ended by "\n" (CRLF: "\r\n"). */
    public static byte[] encode(byte[] input, int offset, int len, int flags) {
        java.util.Base64.Encoder e = (flags & URL_SAFE) != 0 ? java.util.Base64.getUrlEncoder() : java.util.Base64.getEncoder();
        if ((flags & NO_PADDING) != 0) e = e.withoutPadding();
        byte[] part = java.util.Arrays.copyOfRange(input, offset, offset + len);
        String s = e.encodeToString(part);
        if ((flags & NO_WRAP) == 0 && !s.isEmpty()) {
            String eol = (flags & CRLF) != 0 ? "\r\n" : "\n";
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length(); i += LINE) b.append(s, i, Math.min(s.length(), i + LINE)).append(eol);
            s = b.toString();
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static String encodeToString(byte[] input, int flags) { return encodeToString(input, 0, input.length, flags); }

    public static String encodeToString(byte[] input, int offset, int len, int flags) {
        return new String(encode(input, offset, len, flags), StandardCharsets.US_ASCII);
    }

    public static byte[] decode(String str, int flags) { return decode(str.getBytes(StandardCharsets.US_ASCII), flags); }

    public static byte[] decode(byte[] input, int flags) { return decode(input, 0, input.length, flags); }

    /** As on Android: line breaks and spaces skipped, padding optional; anything else bad is IllegalArgumentException. */
    public static byte[] decode(byte[] input, int offset, int len, int flags) {
        StringBuilder b = new StringBuilder(len);
        for (int i = offset; i < offset + len; i++) {
            char c = (char) (input[i] & 0xff);
            if (c != '\n' && c != '\r' && c != ' ' && c != '\t') b.append(c);
        }
        java.util.Base64.Decoder d = (flags & URL_SAFE) != 0 ? java.util.Base64.getUrlDecoder() : java.util.Base64.getDecoder();
        try {
            return d.decode(b.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad base-64", e);
        }
    }
}
