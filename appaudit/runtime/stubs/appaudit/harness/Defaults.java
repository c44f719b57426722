package appaudit.harness;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The harmless values the generated framework layer returns: "" for strings, empty collections and
 * arrays, zero for boxed numbers, a new stub object for framework classes, a dynamic proxy for framework
 * interfaces (whose methods return these values in turn), null where a non-null answer would make a
 * caller loop (getParent(), next...) or where no stub exists.
 */
public final class Defaults {
    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();
    private static final Class<?> NONE = Void.class;
    private static volatile int calls;

    private Defaults() {}

    /** The body of every generated void method (never an empty method: see LayerWriter.body). */
    public static void nop() {
        calls++;
    }

    public static Object value(String desc, String method) {
        if (nullByName(method)) return null;
        Class<?> c = TYPES.computeIfAbsent(desc, Defaults::resolve);
        return c == NONE ? null : of(c);
    }

    private static boolean nullByName(String m) {
        // Walks up a tree or drains a source until null: a non-null stub would never end the loop.
        return m.startsWith("getParent") || m.startsWith("next") || m.startsWith("poll") || m.startsWith("peek")
                || m.startsWith("pop") || m.startsWith("readLine") || m.equals("getCause") || m.equals("take")
                || m.equals("getNextEntry") || m.equals("getNextSibling")
                || m.equals("getFirstChild") || m.equals("getRootView") || m.equals("getNext");
    }

    private static Class<?> resolve(String desc) {
        try {
            String name = desc.startsWith("[") ? desc.replace('/', '.') : desc.substring(1, desc.length() - 1).replace('/', '.');
            return Class.forName(name, false, Defaults.class.getClassLoader());
        } catch (Throwable t) {
            return NONE;
        }
    }

    public static Object of(Class<?> c) {
        if (c == String.class || c == CharSequence.class) return "";
        if (c.isArray()) return Array.newInstance(c.getComponentType(), 0);
        if (c.isPrimitive()) return primitive(c);
        if (c == Object.class) return null;
        if (c == Boolean.class) return Boolean.FALSE;
        if (c == Integer.class) return 0;
        if (c == Long.class) return 0L;
        if (c == Float.class) return 0f;
        if (c == Double.class) return 0.0;
        if (c == Short.class) return (short) 0;
        if (c == Byte.class) return (byte) 0;
        if (c == Character.class) return (char) 0;
        // Collections only for java.util types: Serializable or Cloneable are not "a list".
        boolean util = c.getName().startsWith("java.util.") || c == Iterable.class;
        if (util && c.isAssignableFrom(ArrayList.class)) return new ArrayList<>();
        if (util && c.isAssignableFrom(HashMap.class)) return new HashMap<>();
        if (util && c.isAssignableFrom(HashSet.class)) return new HashSet<>();
        if (c == java.util.Iterator.class) return Collections.emptyIterator();
        // Environment.getExternalStorageDirectory() & co: a directory of the run's scratch space, not null.
        if (c == java.io.File.class) return App.dir("storage");
        String n = c.getName();
        if (n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("sun.") || n.startsWith("jdk.")) return null;
        if (c == android.content.Context.class) return android.app.ContextImpl.get();
        if (c == android.content.pm.PackageManager.class) return android.app.ContextImpl.get().getPackageManager();
        if (n.equals("android.view.View")) {
            // A view the app will cast to what it expects (Views.cast); a group covers the common casts.
            Object g = of("android.view.ViewGroup");
            if (g != null) return g;
        }
        if (c.isInterface()) return proxy(c);
        if (Modifier.isAbstract(c.getModifiers()) || c.isEnum()) return null;
        try {
            java.lang.reflect.Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return k.newInstance();
        } catch (Throwable t) {
            return null;
        }
    }

    private static Object of(String name) {
        try {
            return of(Class.forName(name, false, Defaults.class.getClassLoader()));
        } catch (Throwable t) {
            return null;
        }
    }

    static Object primitive(Class<?> c) {
        if (c == boolean.class) return Boolean.FALSE;
        if (c == void.class) return null;
        if (c == long.class) return 0L;
        if (c == float.class) return 0f;
        if (c == double.class) return 0.0;
        if (c == char.class) return (char) 0;
        if (c == byte.class) return (byte) 0;
        if (c == short.class) return (short) 0;
        return 0;
    }

    private static final InvocationHandler HANDLER = (p, m, a) -> {
        switch (m.getName()) {
            case "hashCode": if (m.getParameterCount() == 0) return System.identityHashCode(p); break;
            case "equals": if (m.getParameterCount() == 1) return p == a[0]; break;
            case "toString": if (m.getParameterCount() == 0) return p.getClass().getInterfaces()[0].getName() + "@stub"; break;
            default: break;
        }
        // A default method (hand-written behaviour, or the layer's default body) answers for itself.
        if (m.isDefault()) return InvocationHandler.invokeDefault(p, m, a);
        if (nullByName(m.getName())) return m.getReturnType().isPrimitive() ? primitive(m.getReturnType()) : null;
        return of(m.getReturnType());
    };

    public static Object proxy(Class<?> iface) {
        try {
            return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, HANDLER);
        } catch (Throwable t) {
            return null;
        }
    }
}
