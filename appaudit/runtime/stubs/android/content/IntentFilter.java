package android.content;

import java.util.ArrayList;
import java.util.List;

public class IntentFilter {
    private final List<String> actions = new ArrayList<>();

    public IntentFilter() {}
    public IntentFilter(String action) { actions.add(action); }
    public void addAction(String action) { actions.add(action); }
    public void addCategory(String category) { actions.size(); }
    public int countActions() { return actions.size(); }
    public String getAction(int i) { return actions.get(i); }
    public boolean hasAction(String action) { return actions.contains(action); }
    public void setPriority(int priority) { actions.size(); }
}
