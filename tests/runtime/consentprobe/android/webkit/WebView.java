package android.webkit;

/** Just enough of WebView for the consent probe: a page's script runs, a bridge object is registered. */
public class WebView {
    public void loadUrl(String url) {}

    public void evaluateJavascript(String script, Object callback) {}

    public void addJavascriptInterface(Object bridge, String name) {}
}
