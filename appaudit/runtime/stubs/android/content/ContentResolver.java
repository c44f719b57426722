package android.content;

import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import appaudit.harness.Profile;

/** Answers the vivo OAID provider from the profile; every other URI has no provider here (null). */
public class ContentResolver {
    private static final String[] SYSTEM = {"content://media", "content://com.android.contacts", "content://contacts",
        "content://sms", "content://mms", "content://call_log", "content://settings", "content://com.android.calendar",
        "content://telephony", "content://downloads"};

    public Cursor query(Uri uri, String[] projection, String selection, String[] args, String sortOrder) {
        String u = String.valueOf(uri);
        if (u.startsWith("content://com.vivo.vms.IdProvider/IdentifierId/OAID") && Profile.get("oaid") != null) {
            return new MatrixCursor(new String[] {"value"}, new String[] {Profile.get("oaid")});
        }
        // Android's own providers answer (with no rows here); other apps' providers do not exist.
        for (String sys : SYSTEM) if (u.startsWith(sys)) return new MatrixCursor(projection == null ? new String[0] : projection, null);
        return null;
    }
}
