package android.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Enough of View for a dialog button and for the harness's clicks: performClick runs the listener, and every
 * view given a click listener is remembered (in order, at most MAX) until the harness takes them to click.
 */
public class View {
    public interface OnClickListener {
        void onClick(View v);
    }

    private static final int MAX = 500;
    private static final List<View> CLICKABLE = new ArrayList<>();

    private OnClickListener listener;

    public void setOnClickListener(OnClickListener l) {
        this.listener = l;
        if (l == null) return;
        synchronized (CLICKABLE) {
            if (CLICKABLE.size() < MAX && !CLICKABLE.contains(this)) CLICKABLE.add(this);
        }
    }

    public boolean performClick() {
        if (listener == null) return false;
        listener.onClick(this);
        return true;
    }

    /** The listener's class name ("" without one): what the harness names a click by. */
    public String clickListenerName() {
        return listener == null ? "" : listener.getClass().getName();
    }

    /** The views given a click listener since the last call, oldest first (the harness clicks them). */
    public static List<View> takeClickable() {
        synchronized (CLICKABLE) {
            List<View> out = new ArrayList<>(CLICKABLE);
            CLICKABLE.clear();
            return out;
        }
    }
}
