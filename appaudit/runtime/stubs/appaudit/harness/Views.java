package appaudit.harness;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App code casts what the framework returns to the type it expects: `(TextView) findViewById(id)`,
 * `(ViewGroup) inflater.inflate(...)`, `(MyButton) findViewById(id)`. The generated layer cannot know those
 * types, so FieldReads rewrites each checkcast in app code into a call of {@link #cast}: an object of the
 * app's own (or a JDK) class passes through unchanged (the checkcast after it keeps Java's semantics); a
 * stub framework object of the wrong type is replaced by a new stub of the expected type.
 */
public final class Views {
    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();
    private static final Class<?> NONE = Void.class;

    private Views() {}

    static boolean isStub(Object o) {
        String n = o.getClass().getName();
        if (n.startsWith("android.") || n.startsWith("com.android.") || n.startsWith("dalvik.")) return true;
        if (java.lang.reflect.Proxy.isProxyClass(o.getClass())) {
            Class<?>[] ifs = o.getClass().getInterfaces();
            return ifs.length == 1 && ifs[0].getName().startsWith("android.");
        }
        return false;
    }

    /** instanceof, except that a stub View also passes for any View class the app tests for. */
    public static boolean isInstance(Object o, String type) {
        if (o == null) return false;
        Class<?> c = resolve(type);
        if (c == NONE) return false;
        if (c.isInstance(o)) return true;
        return o instanceof android.view.View && isStub(o) && !c.isInterface() && android.view.View.class.isAssignableFrom(c);
    }

    private static Class<?> resolve(String type) {
        return TYPES.computeIfAbsent(type, t -> {
            try {
                return Class.forName(t.replace('/', '.'), false, Views.class.getClassLoader());
            } catch (Throwable e) {
                return NONE;
            }
        });
    }

    public static Object cast(Object o, String type) {
        if (o == null || !isStub(o)) return o;
        Class<?> c = TYPES.computeIfAbsent(type, t -> {
            try {
                return Class.forName(t.replace('/', '.'), false, Views.class.getClassLoader());
            } catch (Throwable e) {
                return NONE;
            }
        });
        if (c == NONE || c.isInstance(o)) return o;
        Object sub = substitute(c);
        return sub != null ? sub : o;
    }

    /** Class.cast with the stub replacement of {@link #cast}. */
    public static Object classCast(Class<?> c, Object o) {
        if (o != null && !c.isInstance(o) && isStub(o)) {
            Object sub = substitute(c);
            if (sub != null) return sub;
        }
        return c.cast(o);
    }

    /** An instance whose constructor did not run (its own constructor needs a real framework). */
    static Object allocate(Class<?> c) {
        try {
            java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, c);
        } catch (Throwable t) {
            return null;
        }
    }

    static Object substitute(Class<?> c) {
        String n = c.getName();
        if (n.startsWith("java.") || n.startsWith("javax.")) return null;
        Object d = Defaults.of(c);
        if (d != null) return d;
        // The app's own view classes: the constructor with the fewest arguments, given harmless values.
        try {
            Constructor<?> best = null;
            for (Constructor<?> k : c.getDeclaredConstructors()) if (best == null || k.getParameterCount() < best.getParameterCount()) best = k;
            if (best == null) return allocate(c);
            best.setAccessible(true);
            Class<?>[] types = best.getParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                if (types[i] == android.content.Context.class) args[i] = android.app.ContextImpl.get().getApplicationContext();
                else args[i] = types[i].isPrimitive() ? Defaults.primitive(types[i]) : Defaults.of(types[i]);
            }
            return best.newInstance(args);
        } catch (Throwable t) {
            return allocate(c);
        }
    }
}
