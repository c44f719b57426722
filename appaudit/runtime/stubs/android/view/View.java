package android.view;

/** Enough of View for a dialog button: performClick runs the listener. */
public class View {
    public interface OnClickListener {
        void onClick(View v);
    }

    private OnClickListener listener;

    public void setOnClickListener(OnClickListener l) { this.listener = l; }

    public boolean performClick() {
        if (listener == null) return false;
        listener.onClick(this);
        return true;
    }
}
