package android.content;

public class Intent {
    private String action;
    private String pkg;
    private ComponentName component;

    public Intent() {}
    public Intent(String action) { this.action = action; }

    public String getAction() { return action; }
    public Intent setAction(String action) { this.action = action; return this; }
    public String getPackage() { return pkg; }
    public Intent setPackage(String pkg) { this.pkg = pkg; return this; }
    public ComponentName getComponent() { return component; }
    public Intent setComponent(ComponentName component) { this.component = component; return this; }
}
