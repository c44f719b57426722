package com.appaudit.probe;

import android.app.ContextImpl;
import android.widget.Button;

/** The consent dialog: clicking its "同意" button stores the choice in SharedPreferences. */
public class PrivacyDialog {
    public void onAgree() {
        Button agree = new Button();
        agree.setText("同意并继续");
        agree.setOnClickListener(v ->
            ContextImpl.get().getSharedPreferences("privacy", 0).edit().putBoolean("privacy_agreed", true).apply());
        agree.performClick();
    }
}
