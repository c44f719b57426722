package appaudit.harness;

import android.app.Activity;
import android.app.Application;
import android.app.Service;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an APK's entry points on the JVM in the order of docs/contracts.md: Application.onCreate, the
 * launcher Activity (onCreate, onStart, onResume), the user's answer to the privacy dialog (the consent
 * method, the refusal method, or nothing), onPause and onStop (the app is now in the background), then
 * each service (onCreate, onStartCommand): what a service reads runs while no activity is resumed, as
 * on a device where the user left the app. Each step is isolated: an exception in app code is logged
 * and the run goes on, as the framework would go on with the next component.
 *
 * Arguments: --package P [--application C] [--activity C] [--consent C.m] [--refusal C.m]
 *            [--consent-action agree|refuse|none] [--no-consent] [--service C]... [--linger-ms N]
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        String pkg = "";
        String application = null;
        String activity = null;
        String consent = null;
        String refusal = null;
        String action = "agree";
        long lingerMs = 500;
        List<String> services = new ArrayList<>();
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
                case "--service": services.add(v); i++; break;
                case "--linger-ms": lingerMs = Long.parseLong(v); i++; break;
                default: System.err.println("appaudit harness: unknown argument " + a); System.exit(2);
            }
        }
        System.setProperty("appaudit.package", pkg);
        if (consent == null) consent = pkg + ".PrivacyDialog.onAgree";
        if (refusal == null) refusal = pkg + ".PrivacyDialog.onDisagree";
        if (!action.equals("agree") && !action.equals("refuse") && !action.equals("none")) {
            System.err.println("appaudit harness: --consent-action " + action + ": expected agree, refuse or none");
            System.exit(2);
        }

        if (application != null) {
            Object app = instantiate(application);
            if (app instanceof Application) step("Application.onCreate", () -> ((Application) app).onCreate());
        }
        Activity act = null;
        if (activity != null) {
            Object o = instantiate(activity);
            if (o instanceof Activity) act = (Activity) o;
        }
        if (act != null) {
            Activity a = act;
            step("Activity.onCreate", () -> invoke(a, "onCreate", new Class<?>[] {android.os.Bundle.class}, (Object) null));
            step("Activity.onStart", () -> invoke(a, "onStart", new Class<?>[0]));
            step("Activity.onResume", () -> invoke(a, "onResume", new Class<?>[0]));
        }
        if (!action.equals("none")) {
            String c = action.equals("agree") ? consent : refusal;
            int dot = c.lastIndexOf('.');
            Object dialog = dot > 0 ? instantiateQuiet(c.substring(0, dot)) : null;
            if (dialog != null) step(action + " " + c, () -> invoke(dialog, c.substring(dot + 1), new Class<?>[0]));
        }
        if (act != null) {
            Activity a = act;
            step("Activity.onPause", () -> invoke(a, "onPause", new Class<?>[0]));
            step("Activity.onStop", () -> invoke(a, "onStop", new Class<?>[0]));
        }
        for (String s : services) {
            Object o = instantiate(s);
            if (o instanceof Service) {
                Service svc = (Service) o;
                step(s + ".onCreate", svc::onCreate);
                step(s + ".onStartCommand", () -> svc.onStartCommand(null, 0, 1));
            }
        }
        // Let the app's own worker threads (network uploads) finish before the process exits.
        Thread.sleep(lingerMs);
        System.exit(0);
    }

    interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step s) {
        try {
            s.run();
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            System.err.println("appaudit harness: " + name + " threw " + cause);
        }
    }

    private static Object instantiate(String cls) {
        try {
            return Class.forName(cls).getDeclaredConstructor().newInstance();
        } catch (Throwable t) {
            System.err.println("appaudit harness: cannot instantiate " + cls + ": " + t);
            return null;
        }
    }

    private static Object instantiateQuiet(String cls) {
        try {
            return Class.forName(cls).getDeclaredConstructor().newInstance();
        } catch (Throwable t) {
            return null;
        }
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
