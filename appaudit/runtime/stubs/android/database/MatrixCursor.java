package android.database;

/** A one-row cursor. */
public class MatrixCursor implements Cursor {
    private final String[] columns;
    private final String[] row;

    public MatrixCursor(String[] columns, String[] row) {
        this.columns = columns;
        this.row = row;
    }

    @Override public boolean moveToFirst() { return row != null; }

    @Override
    public int getColumnIndex(String name) {
        for (int i = 0; i < columns.length; i++) if (columns[i].equals(name)) return i;
        return -1;
    }

    @Override public String getString(int i) { return i >= 0 && i < row.length ? row[i] : null; }
    @Override public void close() {}
}
