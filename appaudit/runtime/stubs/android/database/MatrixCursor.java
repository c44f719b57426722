package android.database;

/** A one-row cursor. */
public class MatrixCursor implements Cursor {
    private final String[] columns;
    private final String[] row;
    private int position = -1;

    public MatrixCursor(String[] columns, String[] row) {
        this.columns = columns;
        this.row = row;
    }

    @Override
    public boolean moveToFirst() {
        return moveToPosition(0);
    }

    @Override
    public boolean moveToPosition(int p) {
        position = Math.max(-1, Math.min(p, row == null ? 0 : 1));
        return row != null && position == 0;
    }

    @Override public int getColumnCount() { return columns.length; }
    public int getCount() { return row == null ? 0 : 1; }
    public boolean moveToNext() { return moveToPosition(position + 1); }
    public boolean isAfterLast() { return row == null || position > 0; }

    @Override
    public int getColumnIndex(String name) {
        for (int i = 0; i < columns.length; i++) if (columns[i].equals(name)) return i;
        return -1;
    }

    @Override
    public String getString(int i) {
        return position == 0 && i >= 0 && i < row.length ? row[i] : null;
    }
    @Override public void close() {}
}
