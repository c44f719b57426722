package com.appaudit.probe;

import android.app.ContextImpl;
import android.widget.Button;

/** The consent dialog: the user first refuses, then accepts; each click stores the choice. */
public class PrivacyDialog {
    public void onAgree() {
        Button refuse = new Button();
        refuse.setText("不同意");
        refuse.setOnClickListener(v ->
            ContextImpl.get().getSharedPreferences("privacy", 0).edit().putBoolean("privacy_agreed", false).apply());
        refuse.performClick();
        Button agree = new Button();
        agree.setText("同意并继续");
        agree.setOnClickListener(v ->
            ContextImpl.get().getSharedPreferences("privacy", 0).edit().putBoolean("privacy_agreed", true).apply());
        agree.performClick();
    }
}
