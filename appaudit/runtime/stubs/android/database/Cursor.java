package android.database;

public interface Cursor {
    boolean moveToFirst();
    boolean moveToPosition(int position);
    int getColumnCount();
    int getColumnIndex(String columnName);
    String getString(int columnIndex);
    void close();
}
