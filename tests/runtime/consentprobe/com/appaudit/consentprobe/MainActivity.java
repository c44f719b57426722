package com.appaudit.consentprobe;

import android.app.Activity;
import android.os.Bundle;
import android.webkit.WebView;
import android.widget.Button;
import android.widget.TextView;

/**
 * Consent clicks the agent must tell apart: a generic "OK" under an unrelated message is not consent,
 * "BOOK" never is, "确定" under a privacy message is; a WebView privacy page answers through
 * loadUrl("javascript:...") and a bridge method.
 */
public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        TextView error = new TextView();
        error.setText("网络错误，请稍后重试");
        click("OK");
        click("BOOK");
        WebView web = new WebView();
        web.loadUrl("https://example.com/privacy.html");
        web.loadUrl("javascript:window.showDetails()");
        web.addJavascriptInterface(new PrivacyBridge(), "bridge");
        new PrivacyBridge().onDisagreeClicked();
        web.evaluateJavascript("window.agreePrivacy(true)", null);
        TextView message = new TextView();
        message.setText("请阅读《用户协议》和《隐私政策》后继续使用");
        click("确定 ");
    }

    private static void click(String text) {
        Button button = new Button();
        button.setText(text);
        button.setOnClickListener(v -> {});
        button.performClick();
    }

    /** What a privacy page calls through window.bridge. */
    public static class PrivacyBridge {
        public void onDisagreeClicked() {}

        public void onAgreeClicked() {}
    }
}
