package android.text;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** android.text.TextUtils as on Android (the parts apps call outside of UI code). */
public class TextUtils {
    private TextUtils() {}

    public static boolean isEmpty(CharSequence s) { return s == null || s.length() == 0; }
    public static boolean isDigitsOnly(CharSequence s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }
    public static boolean isGraphic(CharSequence s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) return true;
        return false;
    }
    public static boolean equals(CharSequence a, CharSequence b) {
        if (a == b) return true;
        if (a == null || b == null || a.length() != b.length()) return false;
        if (a instanceof String && b instanceof String) return a.equals(b);
        for (int i = 0; i < a.length(); i++) if (a.charAt(i) != b.charAt(i)) return false;
        return true;
    }
    public static int getTrimmedLength(CharSequence s) { return s.toString().trim().length(); }
    public static String join(CharSequence delimiter, Object[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) { if (i > 0) sb.append(delimiter); sb.append(tokens[i]); }
        return sb.toString();
    }
    public static String join(CharSequence delimiter, Iterable tokens) {
        StringBuilder sb = new StringBuilder();
        Iterator<?> it = tokens.iterator();
        if (it.hasNext()) sb.append(it.next());
        while (it.hasNext()) sb.append(delimiter).append(it.next());
        return sb.toString();
    }
    /** Android's split drops nothing (unlike String.split, which drops trailing empty strings). */
    public static String[] split(String text, String expression) {
        if (text.length() == 0) return new String[0];
        return text.split(expression, -1);
    }
    public static String[] split(String text, Pattern pattern) {
        if (text.length() == 0) return new String[0];
        return pattern.split(text, -1);
    }
    public static CharSequence concat(CharSequence... text) {
        StringBuilder sb = new StringBuilder();
        for (CharSequence t : text) sb.append(t);
        return sb.toString();
    }
    public static int indexOf(CharSequence s, char ch) { return s.toString().indexOf(ch); }
    public static int indexOf(CharSequence s, char ch, int start) { return s.toString().indexOf(ch, start); }
    public static int indexOf(CharSequence s, CharSequence needle) { return s.toString().indexOf(needle.toString()); }
    public static int lastIndexOf(CharSequence s, char ch) { return s.toString().lastIndexOf(ch); }
    public static CharSequence substring(CharSequence s, int start, int end) { return s.toString().substring(start, end); }
    public static String htmlEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '\'': sb.append("&#39;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
    public static CharSequence stringOrSpannedString(CharSequence s) { return s == null ? null : s.toString(); }
    public static boolean regionMatches(CharSequence one, int toffset, CharSequence two, int ooffset, int len) {
        return one.toString().regionMatches(toffset, two.toString(), ooffset, len);
    }
    public static List<String> asList(String[] a) { List<String> l = new ArrayList<>(); for (String s : a) l.add(s); return l; }
}
