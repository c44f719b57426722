package appaudit.harness;

import android.app.Activity;
import android.app.Application;
import android.app.ContextImpl;
import android.content.BroadcastReceiver;
import android.content.ContentProvider;
import android.content.Context;
import android.content.Intent;
import android.os.Looper;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an APK's entry points on the JVM in Android's start order (docs/contracts.md): the content
 * providers (attachInfo -> onCreate), Application.attachBaseContext, Application.onCreate, the launcher
 * Activity (onCreate, onStart, onResume), the user's answer to the privacy dialog (the consent method,
 * the refusal method, or nothing), after an agreement (or in an app the tester says asks for none: --consent-action
 * absent) the app's other screens one after another as a user opening them would (--screen: onCreate,
 * onStart, onResume, a tap on each of up to --clicks of its buttons, onPause, onStop each, the launcher still
 * resumed; with absent the launcher's buttons first), the launcher's onPause and onStop (the app is now in the
 * background), each service
 * (onCreate, onStartCommand, onHandleIntent / onStartJob), then each receiver with the broadcasts its
 * filters declare (boot, connectivity: the self-start path). The app's Application is the application
 * context. Each step is isolated: its outcome is printed as one line (EVENT_PREFIX + JSON: entry, ok,
 * error) that the session records in the trace, and the run goes on after an exception in app code, as
 * the framework would go on with the next component.
 *
 * Arguments: --package P [--application C] [--activity C] [--consent C.m] [--refusal C.m]
 *            [--consent-action agree|refuse|none|absent] [--no-consent] [--screen C]... [--clicks N]
 *            [--provider C]... [--service C]...
 *            [--receiver C=action,action]... [--linger-ms N]
 */
public final class Main {
    /** Must match appaudit/runtime/session.py HARNESS_EVENT_PREFIX. */
    static final String EVENT_PREFIX = "@appaudit-harness ";
    /** Must match appaudit/runtime/session.py HARNESS_FINISHED: the last line, after every entry point. */
    static final String FINISHED = "harness finished";
    // The harness's own stdout, taken before app code runs (an app that replaces System.out cannot hide it).
    private static final java.io.PrintStream OUT = System.out;
    private static Application app;
    private static int clicks = 10;

    private Main() {}

    public static void main(String[] args) throws Exception {
        String pkg = "";
        String application = null;
        String activity = null;
        String consent = null;
        String refusal = null;
        String action = "agree";
        long lingerMs = Long.getLong("appaudit.lingerMs", 2500L);
        List<String> screens = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        List<String> services = new ArrayList<>();
        List<String> receivers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--package": pkg = v; i++; break;
                case "--application": application = v; i++; break;
                case "--activity": activity = v; i++; break;
                case "--consent": consent = v; i++; break;
                case "--refusal": refusal = v; i++; break;
                case "--consent-action": action = v; i++; break;
                case "--no-consent": action = "none"; break;
                case "--screen": screens.add(v); i++; break;
                case "--clicks": clicks = Integer.parseInt(v); i++; break;
                case "--provider": providers.add(v); i++; break;
                case "--service": services.add(v); i++; break;
                case "--receiver": receivers.add(v); i++; break;
                case "--linger-ms": lingerMs = Long.parseLong(v); i++; break;
                default: System.err.println("appaudit harness: unknown argument " + a); System.exit(2);
            }
        }
        System.setProperty("appaudit.package", pkg);
        if (consent == null) consent = pkg + ".PrivacyDialog.onAgree";
        if (refusal == null) refusal = pkg + ".PrivacyDialog.onDisagree";
        if (!List.of("agree", "refuse", "none", "absent").contains(action)) {
            System.err.println("appaudit harness: --consent-action " + action + ": expected agree, refuse, none or absent");
            System.exit(2);
        }
        Thread.currentThread().setName("main");
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> record("thread " + t.getName(), e));
        registerBouncyCastle();
        Looper.getMainLooper();

        // Android creates the Application object first, then installs providers, then calls onCreate.
        if (application != null) {
            Object o = instantiate("Application " + application, application);
            if (o instanceof Application) app = (Application) o;
        }
        if (app != null) {
            ContextImpl.setApplication(app);
            step("Application.attachBaseContext " + application, () -> app.attach(ContextImpl.get()));
        }
        Context appCtx = app != null ? app : ContextImpl.get();
        for (String p : providers) {
            Object o = instantiate("ContentProvider " + p, p);
            if (o instanceof ContentProvider) step("ContentProvider.onCreate " + p, () -> ((ContentProvider) o).attachInfo(appCtx, null));
        }
        if (app != null) step("Application.onCreate " + application, () -> app.onCreate());
        Activity act = activity != null ? resume(activity) : null;
        settle(300);
        boolean agreed = false;
        // "absent": the tester says the app asks for no consent at all, so its screens are open to a user at once.
        boolean absent = action.equals("absent");
        if (!action.equals("none") && !absent) {
            String c = action.equals("agree") ? consent : refusal;
            agreed = callMethod(action + " " + c, c, action.equals("agree")) && action.equals("agree");
        }
        settle(300);
        if (agreed || absent) {
            // The screens a user reaches after agreeing (maps, settings, sharing): their SDKs read on those
            // screens, not on the launcher's start path. Only after an agreement the app's own method took, or
            // in an app with no consent step: a screen opened without one would put what a user sees after
            // agreeing before the consent.
            // Each screen's buttons are clicked after its onResume. The launcher's only in an app without a consent
            // step (an SDK demo's "pay" or "locate"): where there is one, the launcher's buttons include the dialog's
            // own, whose answer is the harness's consent action, not a click.
            if (absent) {
                click(activity != null ? activity : "(no launcher)", act);
            } else {
                android.view.View.takeClickable();
            }
            for (String screen : screens) {
                Activity s = resume(screen);
                if (s != null) {
                    click(screen, s);
                    leave(s, screen);
                }
                settle(100);
            }
        }
        if (act != null) leave(act, activity);
        for (String s : services) {
            Object o = instantiate("Service " + s, s);
            if (o instanceof android.app.Service) {
                android.app.Service svc = (android.app.Service) o;
                step("Service.attach " + s, () -> {
                    invoke(svc, "attachBaseContext", new Class<?>[] {Context.class}, ContextImpl.get());
                    svc.attachApplication(app);
                });
                step("Service.onCreate " + s, svc::onCreate);
                Intent intent = new Intent().setClassName(pkg, s);
                step("Service.onStartCommand " + s, () -> svc.onStartCommand(intent, 0, 1));
                if (findMethod(svc.getClass(), "onHandleIntent", 1) != null) {
                    // On Android an IntentService's worker thread, not the main one (Room refuses the main thread).
                    step("IntentService.onHandleIntent " + s, false,
                            () -> invoke(svc, "onHandleIntent", new Class<?>[] {Intent.class}, intent));
                }
                Method job = findMethod(svc.getClass(), "onStartJob", 1);
                if (job != null) step("JobService.onStartJob " + s, () -> callWithDefaults(svc, job, true));
            }
        }
        for (String spec : receivers) {
            int eq = spec.indexOf('=');
            String r = eq >= 0 ? spec.substring(0, eq) : spec;
            String[] actions = eq >= 0 && eq + 1 < spec.length() ? spec.substring(eq + 1).split(",") : new String[0];
            Object o = instantiate("BroadcastReceiver " + r, r);
            if (!(o instanceof BroadcastReceiver)) continue;
            int sent = 0;
            for (String act2 : actions) {
                if (act2.isEmpty() || sent++ >= 4) continue;
                step("BroadcastReceiver.onReceive " + r + " " + act2,
                        () -> ((BroadcastReceiver) o).onReceive(appCtx, new Intent(act2).setPackage(System.getProperty("appaudit.package"))));
            }
        }
        // Every entry point ran: the session tells a run that got here from one the app or a JVM crash cut short.
        OUT.println(EVENT_PREFIX + "{\"entry\":" + json(FINISHED) + ",\"ok\":true}");
        OUT.flush();
        // Let the app's own worker threads and looper messages (uploads, delayed init) run before the exit.
        Thread.sleep(lingerMs);
        System.exit(0);
    }

    /** An activity created, attached to the app and brought to the foreground (onCreate, onStart, onResume). */
    private static Activity resume(String name) {
        Object o = instantiate("Activity " + name, name);
        if (!(o instanceof Activity)) return null;
        Activity a = (Activity) o;
        step("Activity.attach " + name, () -> {
            invoke(a, "attachBaseContext", new Class<?>[] {Context.class}, ContextImpl.get());
            a.attachApplication(app);
        });
        step("Activity.onCreate " + name, () -> invoke(a, "onCreate", new Class<?>[] {android.os.Bundle.class}, (Object) null));
        step("Activity.onStart " + name, () -> invoke(a, "onStart", new Class<?>[0]));
        step("Activity.onResume " + name, () -> invoke(a, "onResume", new Class<?>[0]));
        return a;
    }

    /**
     * A user trying a screen's buttons: each view given a click listener since the last round (the screen's own,
     * and what it opened), then each of the activity's methods a layout binds with android:onClick (App property
     * layout.onclick: layouts are not inflated here), is clicked once, at most CLICKS in all, each click an entry
     * point of its own.
     */
    private static void click(String screen, Activity a) {
        int n = 0;
        for (android.view.View v : android.view.View.takeClickable()) {
            if (n++ >= clicks) return;
            step("click " + screen + " " + v.getClass().getName() + " " + v.clickListenerName(), v::performClick);
            settle(50);
        }
        if (a == null) return;
        for (String handler : App.get("layout.onclick", "").split(",")) {
            Method m;
            try {
                m = handler.isEmpty() ? null : a.getClass().getMethod(handler, android.view.View.class);
            } catch (NoSuchMethodException e) {
                m = null;
            }
            if (m == null) continue;
            if (n++ >= clicks) return;
            Method tap = m;
            step("click " + screen + " android:onClick " + handler, () -> tap.invoke(a, new android.view.View()));
            settle(50);
        }
    }

    /** The user leaves an activity (onPause, onStop). */
    private static void leave(Activity a, String name) {
        step("Activity.onPause " + name, () -> invoke(a, "onPause", new Class<?>[0]));
        step("Activity.onStop " + name, () -> invoke(a, "onStop", new Class<?>[0]));
    }

    interface Step {
        void run() throws Exception;
    }

    private static void settle(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A harness record that is not an entry point (a native library that cannot load). */
    static void report(String what, String problem) {
        OUT.println(EVENT_PREFIX + "{\"entry\":" + json(what) + ",\"ok\":false,\"error\":" + json(problem) + "}");
        OUT.flush();
    }

    /** One line per entry point on stdout, which appaudit's session turns into a `harness` trace record. */
    private static synchronized void record(String entry, Throwable error) {
        String line = "{\"entry\":" + json(entry) + ",\"ok\":" + (error == null)
                + (error == null ? "" : ",\"error\":" + json(describe(error))) + "}";
        if (error != null) System.err.println("appaudit harness: " + entry + " threw " + error);
        OUT.println(EVENT_PREFIX + line);
        OUT.flush();
    }

    /** The exception, its causes, and where the deepest one was thrown (first frame). */
    static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder(String.valueOf(error));
        Throwable t = error;
        for (int i = 0; i < 4 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
            sb.append(" <- ").append(t);
        }
        StackTraceElement[] st = t.getStackTrace();
        if (st.length > 0) sb.append(" at ").append(st[0]);
        return sb.toString();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        String v = s.length() > 600 ? s.substring(0, 600) : s;
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static final long STEP_MS = Long.getLong("appaudit.stepMs", 5000L);
    private static final long BUDGET_MS = Long.getLong("appaudit.budgetMs", 40000L);
    private static final long START = System.currentTimeMillis();

    /**
     * One entry point, on the main looper's thread (as Android runs lifecycle callbacks and the main Handler's
     * messages on one thread: androidx checks it), for at most STEP_MS: app code that never returns (a loop over
     * a stub that never ends) is recorded as timed out, the main looper goes on on a new thread, and the next
     * entry point runs (the stuck thread is left to the run's end). Past BUDGET_MS the remaining entry points are
     * recorded as skipped, so that the run ends within the session's duration. True when it returned without an
     * exception. With ON_MAIN false, on a worker thread of its own (an IntentService's onHandleIntent).
     */
    private static boolean step(String name, boolean onMain, Step s) {
        if (System.currentTimeMillis() - START > BUDGET_MS) {
            record(name, new java.util.concurrent.TimeoutException("skipped: the harness's time budget is spent"));
            return false;
        }
        Throwable failure = run(s, onMain);
        record(name, failure);
        return failure == null;
    }

    private static boolean step(String name, Step s) { return step(name, true, s); }

    /** S run on the main looper's thread after the messages already due (or on a new thread); its exception, or
     * a timeout. */
    private static Throwable run(Step s, boolean onMain) {
        Throwable[] failure = {null};
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Runnable r = () -> {
            try {
                s.run();
            } catch (Throwable e) {
                failure[0] = e instanceof InvocationTargetException ? e.getCause() : e;
            } finally {
                done.countDown();
            }
        };
        Looper main = Looper.getMainLooper();
        Thread worker = onMain ? null : new Thread(r, "worker");
        if (worker != null) {
            worker.setDaemon(true);
            worker.start();
        } else {
            main.post(r);
        }
        try {
            if (done.await(STEP_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) return failure[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread stuck = worker != null ? worker : main.getThread();
        StringBuilder where = new StringBuilder();
        StackTraceElement[] st = stuck.getStackTrace();
        for (int i = 0; i < Math.min(4, st.length); i++) where.append(i == 0 ? " in " : " <- ").append(st[i]);
        if (worker == null) main.replaceThread();
        return new java.util.concurrent.TimeoutException("still running after " + STEP_MS + " ms" + where);
    }

    private static Object instantiate(String what, String cls) {
        Object[] made = {null};
        // On the main thread too: a constructor (ComponentActivity's lifecycle) may check where it runs.
        Throwable failure = run(() -> {
            Constructor<?> k = Class.forName(cls).getDeclaredConstructor();
            k.setAccessible(true);
            made[0] = k.newInstance();
        }, true);
        record("new " + what, failure);
        return failure == null ? made[0] : null;
    }

    /** Provider "BC" as on Android (Debian's bcprov on the class path). */
    private static void registerBouncyCastle() {
        try {
            Class<?> bc = Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider");
            java.security.Security.addProvider((java.security.Provider) bc.getDeclaredConstructor().newInstance());
        } catch (Throwable t) {
            System.err.println("appaudit harness: BouncyCastle not available: " + t);
        }
    }

    /**
     * The consent (or refusal) method C.m: on an instance made with the class's simplest constructor
     * (harmless arguments, the app context for a Context), with harmless arguments itself (true for a
     * boolean when agreeing). Static methods are called without an instance. Nothing happens when the
     * class does not exist (the sample-app contract method is the default).
     */
    /** Calls the app's dialog method TARGET (Class.method); true when it ran and returned. */
    private static boolean callMethod(String what, String target, boolean agree) {
        int dot = target.lastIndexOf('.');
        if (dot <= 0) return false;
        Class<?> cls;
        try {
            cls = Class.forName(target.substring(0, dot));
        } catch (Throwable t) {
            return false;
        }
        String name = target.substring(dot + 1);
        Method m = null;
        for (Class<?> c = cls; c != null && m == null; c = c.getSuperclass()) {
            for (Method x : c.getDeclaredMethods()) {
                if (x.getName().equals(name) && (m == null || x.getParameterCount() < m.getParameterCount())) m = x;
            }
        }
        if (m == null) {
            record(what, new NoSuchMethodException(target));
            return false;
        }
        Method fm = m;
        return step(what, () -> {
            Object self = Modifier.isStatic(fm.getModifiers()) ? null : newWithDefaults(cls);
            callWithDefaults(self, fm, agree);
        });
    }

    static Object newWithDefaults(Class<?> cls) throws Exception {
        Constructor<?> best = null;
        for (Constructor<?> k : cls.getDeclaredConstructors()) if (best == null || k.getParameterCount() < best.getParameterCount()) best = k;
        if (best == null) throw new NoSuchMethodException(cls.getName() + ".<init>");
        best.setAccessible(true);
        return best.newInstance(defaults(best.getParameterTypes(), true));
    }

    static Object callWithDefaults(Object self, Method m, boolean yes) throws Exception {
        m.setAccessible(true);
        return m.invoke(self, defaults(m.getParameterTypes(), yes));
    }

    private static Object[] defaults(Class<?>[] types, boolean yes) {
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == boolean.class) out[i] = yes;
            else if (Context.class.isAssignableFrom(t) && t.isInstance(app)) out[i] = app;
            else if (t == Context.class) out[i] = app != null ? app : ContextImpl.get();
            else out[i] = t.isPrimitive() ? Defaults.primitive(t) : Defaults.of(t);
        }
        return out;
    }

    private static Method findMethod(Class<?> cls, String name, int params) {
        for (Class<?> c = cls; c != null && !c.getName().startsWith("android."); c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) if (m.getName().equals(name) && m.getParameterCount() == params) return m;
        }
        return null;
    }

    private static void invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        // Lifecycle methods are protected; walk up to the declaring class like the framework would.
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, types);
                m.setAccessible(true);
                m.invoke(target, args);
                return;
            } catch (NoSuchMethodException e) {
                // try the superclass
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }
}
