package android.content;

import android.database.Cursor;
import android.net.Uri;

/** Providers start before Application.onCreate (Firebase, Facebook and many SDKs initialise here). */
public abstract class ContentProvider {
    private Context context;

    public ContentProvider() {}

    public abstract boolean onCreate();
    public abstract Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs, String sortOrder);
    public abstract String getType(Uri uri);
    public abstract Uri insert(Uri uri, ContentValues values);
    public abstract int delete(Uri uri, String selection, String[] selectionArgs);
    public abstract int update(Uri uri, ContentValues values, String selection, String[] selectionArgs);

    /** Android's attachInfo: sets the context, then calls onCreate. */
    public void attachInfo(Context ctx, Object info) {
        if (context == null) {
            context = ctx;
            onCreate();
        }
    }

    public Context getContext() { return context; }
    public Context requireContext() { return context; }
    public String getCallingPackage() { return null; }
}
