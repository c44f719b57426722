package android.database;

public interface Cursor {
    boolean moveToFirst();
    int getColumnIndex(String columnName);
    String getString(int columnIndex);
    void close();
}
