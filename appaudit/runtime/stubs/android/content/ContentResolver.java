package android.content;

import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import appaudit.harness.Profile;

/** Answers the vivo OAID provider from the profile; every other URI has no provider here (null). */
public class ContentResolver {
    public Cursor query(Uri uri, String[] projection, String selection, String[] args, String sortOrder) {
        String u = String.valueOf(uri);
        if (u.startsWith("content://com.vivo.vms.IdProvider/IdentifierId/OAID") && Profile.get("oaid") != null) {
            return new MatrixCursor(new String[] {"value"}, new String[] {Profile.get("oaid")});
        }
        return null;
    }
}
