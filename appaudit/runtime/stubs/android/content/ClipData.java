package android.content;

public class ClipData {
    private final Item item;

    public ClipData(CharSequence text) { this.item = new Item(text); }

    public int getItemCount() { return 1; }
    public Item getItemAt(int index) { return item; }

    @Override
    public String toString() { return String.valueOf(item.getText()); }

    public static class Item {
        private final CharSequence text;

        public Item(CharSequence text) { this.text = text; }
        public CharSequence getText() { return text; }
    }
}
