package android.view;

import android.content.Context;
import android.content.ContextWrapper;

public class ContextThemeWrapper extends ContextWrapper {
    public ContextThemeWrapper() {}
    public ContextThemeWrapper(Context base, int themeResId) { super(base); }
    public void setTheme(int resid) { hashCode(); }
}
