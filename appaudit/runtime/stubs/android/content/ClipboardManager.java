package android.content;

import appaudit.harness.Profile;

public class ClipboardManager {
    public ClipData getPrimaryClip() {
        String text = Profile.get("clipboard");
        return text == null ? null : new ClipData(text);
    }
}
