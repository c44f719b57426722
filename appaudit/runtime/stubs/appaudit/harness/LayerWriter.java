package appaudit.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.FieldVisitor;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;
import jdk.internal.org.objectweb.asm.Type;

/**
 * Writes the generated Android layer of one APK as class files (ASM, no compiler): a class for every
 * framework type the app references, with every member it references, and the hand-written stubs
 * completed with the members they lack. Bodies return harmless values through {@link Defaults}.
 *
 * Usage: LayerWriter SPEC HANDWRITTEN_CLASSES_DIR OUT_DIR. SPEC lines (tab-separated), made by
 * appaudit/runtime/androidlayer.py:
 *   C name kind(c|i|t) super interfaces(comma-separated, may be empty)   (t = a Throwable class)
 *   M owner name descriptor kind(s = static, v = instance)
 *   F owner name descriptor kind(s|v)
 * Names are internal (android/os/Handler).
 */
public final class LayerWriter {
    private static final String DEFAULTS = "appaudit/harness/Defaults";

    static final class Spec {
        String name;
        char kind = 'c';
        String sup = "java/lang/Object";
        String[] ifaces = new String[0];
        final Map<String, Character> methods = new LinkedHashMap<>(); // name+desc -> kind
        final Map<String, Character> fields = new LinkedHashMap<>();
        final Map<String, String> values = new java.util.HashMap<>(); // name:desc -> "u:uri" | "s:string"
    }

    private LayerWriter() {}

    private static Map<String, Spec> classes = new LinkedHashMap<>();
    private static Path hand;
    private static final Map<String, Set<String>> INHERITED = new java.util.HashMap<>();
    private static final Map<String, Set<String>> INHERITED_FIELDS = new java.util.HashMap<>();

    /**
     * Methods (name + descriptor) that NAME's superclasses already implement in hand-written stubs or the
     * JDK: never generated again, since a default body would override real behaviour (Thread.start,
     * ContextWrapper.getSystemService) or a final method.
     */
    static Set<String> inherited(String name) {
        Set<String> cached = INHERITED.get(name);
        if (cached != null) return cached;
        Set<String> out = new HashSet<>();
        INHERITED.put(name, out);
        for (String i : interfacesOf(name)) {
            // A hand-written super-interface's default methods (XmlPullParser.next) are behaviour too.
            out.addAll(declared(i));
            out.addAll(inherited(i));
        }
        String sup = superOf(name);
        if (sup == null) return out;
        if (sup.startsWith("java/") || sup.startsWith("javax/")) {
            try {
                for (Class<?> c = Class.forName(sup.replace('/', '.')); c != null; c = c.getSuperclass()) {
                    for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                        if (!java.lang.reflect.Modifier.isPrivate(m.getModifiers())) out.add(m.getName() + Type.getMethodDescriptor(m));
                    }
                }
            } catch (Throwable t) {
                // an unknown JDK class: nothing to protect
            }
            return out;
        }
        out.addAll(declared(sup));
        out.addAll(inherited(sup));
        return out;
    }

    /**
     * Fields ("name:desc") that NAME's supertypes hold (hand-written, generated or the JDK's): the JVM resolves a
     * field through the supertypes, so one generated again on NAME would hide theirs (ServiceInfo.metaData over the
     * hand-written PackageItemInfo's: Firebase read the copy, always null, and found no registrar).
     */
    static Set<String> inheritedFields(String name) {
        Set<String> cached = INHERITED_FIELDS.get(name);
        if (cached != null) return cached;
        Set<String> out = new HashSet<>();
        INHERITED_FIELDS.put(name, out);
        List<String> supers = new ArrayList<>(List.of(interfacesOf(name)));
        String sup = superOf(name);
        if (sup != null) supers.add(sup);
        for (String t : supers) {
            if (t.startsWith("java/") || t.startsWith("javax/")) {
                try {
                    for (java.lang.reflect.Field f : Class.forName(t.replace('/', '.')).getFields()) {
                        out.add(f.getName() + ":" + Type.getDescriptor(f.getType()));
                    }
                } catch (Throwable e) {
                    // an unknown JDK class: nothing to protect
                }
                continue;
            }
            out.addAll(fieldsOf(t));
            out.addAll(inheritedFields(t));
        }
        return out;
    }

    /** The non-private fields TYPE has in the layer: a hand-written stub's own, and those the writer adds. */
    private static Set<String> fieldsOf(String type) {
        Set<String> out = new HashSet<>();
        Spec s = classes.get(type);
        if (s != null) out.addAll(s.fields.keySet());
        Path f = hand == null ? null : hand.resolve(type + ".class");
        if (f == null || !Files.isRegularFile(f)) return out;
        try {
            new ClassReader(Files.readAllBytes(f)).accept(new ClassVisitor(Opcodes.ASM8) {
                @Override
                public FieldVisitor visitField(int access, String n, String desc, String sig, Object value) {
                    if ((access & Opcodes.ACC_PRIVATE) == 0) out.add(n + ":" + desc);
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        } catch (IOException e) {
            // unreadable: treat as holding nothing
        }
        return out;
    }

    private static String[] interfacesOf(String name) {
        Path f = hand == null ? null : hand.resolve(name + ".class");
        if (f != null && Files.isRegularFile(f)) {
            try {
                return new ClassReader(Files.readAllBytes(f)).getInterfaces();
            } catch (IOException e) {
                return new String[0];
            }
        }
        Spec s = classes.get(name);
        return s == null ? new String[0] : s.ifaces;
    }

    private static String superOf(String name) {
        Path f = hand == null ? null : hand.resolve(name + ".class");
        if (f != null && Files.isRegularFile(f)) {
            try {
                return new ClassReader(Files.readAllBytes(f)).getSuperName();
            } catch (IOException e) {
                return null;
            }
        }
        Spec s = classes.get(name);
        if (s == null || s.kind == 'i') return null;
        return s.sup;
    }

    /** Non-private methods a hand-written stub declares (generated classes get theirs from the spec). */
    private static Set<String> declared(String name) {
        Set<String> out = new HashSet<>();
        Path f = hand == null ? null : hand.resolve(name + ".class");
        if (f == null || !Files.isRegularFile(f)) return out;
        try {
            new ClassReader(Files.readAllBytes(f)).accept(new ClassVisitor(Opcodes.ASM8) {
                @Override
                public MethodVisitor visitMethod(int access, String n, String desc, String sig, String[] exc) {
                    if ((access & Opcodes.ACC_PRIVATE) == 0 && !n.startsWith("<")) out.add(n + desc);
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        } catch (IOException e) {
            // unreadable: treat as declaring nothing
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path spec = Path.of(args[0]);
        Path hand = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Map<String, Spec> classes = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split("\t", -1);
                if (p.length < 2) continue;
                Spec s = classes.computeIfAbsent(p[1], n -> {
                    Spec x = new Spec();
                    x.name = n;
                    return x;
                });
                switch (p[0]) {
                    case "C":
                        s.kind = p[2].charAt(0);
                        if (!p[3].isEmpty()) s.sup = p[3];
                        s.ifaces = p[4].isEmpty() ? new String[0] : p[4].split(",");
                        break;
                    case "M": s.methods.put(p[2] + p[3], p[4].charAt(0)); break;
                    case "F":
                        s.fields.put(p[2] + ":" + p[3], p[4].charAt(0));
                        if (p.length > 5 && p[5].length() > 2) s.values.put(p[2] + ":" + p[3], p[5]);
                        break;
                    default: break;
                }
            }
        }
        int written = 0;
        int merged = 0;
        LayerWriter.classes = classes;
        LayerWriter.hand = hand;
        for (Spec s : classes.values()) {
            Path handFile = hand.resolve(s.name + ".class");
            byte[] bytes = Files.isRegularFile(handFile) ? complete(Files.readAllBytes(handFile), s) : create(s);
            if (Files.isRegularFile(handFile)) merged++;
            Path dst = out.resolve(s.name + ".class").normalize();
            if (!dst.startsWith(out.normalize())) throw new IOException("class name outside the layer: " + s.name);
            Files.createDirectories(dst.getParent());
            Files.write(dst, bytes);
            written++;
        }
        System.out.println("layer: " + written + " classes (" + merged + " hand-written completed)");
    }

    /** A hand-written stub plus the referenced members it does not declare. */
    static byte[] complete(byte[] original, Spec s) {
        ClassReader reader = new ClassReader(original);
        Set<String> have = new HashSet<>();
        boolean[] iface = {false};
        String[] sup = {"java/lang/Object"};
        reader.accept(new ClassVisitor(Opcodes.ASM8) {
            @Override
            public void visit(int v, int access, String name, String sig, String superName, String[] ifs) {
                iface[0] = (access & Opcodes.ACC_INTERFACE) != 0;
                if (superName != null) sup[0] = superName;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exc) {
                have.add(name + desc);
                return null;
            }

            @Override
            public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                have.add(name + ":" + desc);
                return null;
            }
        }, ClassReader.SKIP_CODE);
        // Android's string constants are non-null: the added static String fields start as "" (in the
        // stub's own class initialiser when it has one).
        List<String> strings = new ArrayList<>();
        for (Map.Entry<String, Character> f : s.fields.entrySet()) {
            boolean st = f.getValue() == 's' || iface[0];
            if (!have.contains(f.getKey()) && st && (f.getKey().endsWith(":Ljava/lang/String;") || s.values.containsKey(f.getKey()))) {
                strings.add(f.getKey());
            }
        }
        boolean[] hasClinit = {have.contains("<clinit>()V")};
        ClassWriter w = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM8, w) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exc) {
                MethodVisitor mv = super.visitMethod(access, name, desc, sig, exc);
                if (!name.equals("<clinit>") || strings.isEmpty()) return mv;
                return new MethodVisitor(Opcodes.ASM8, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        for (String f : strings) init(mv, s, f);
                    }
                };
            }

            @Override
            public void visitEnd() {
                addMembers(cv, s, iface[0], sup[0], have, false);
                if (!hasClinit[0] && !strings.isEmpty()) clinit(cv, s, strings);
                super.visitEnd();
            }
        }, 0);
        return w.toByteArray();
    }

    /** A class (or interface) that exists only because the app references it. */
    static byte[] create(Spec s) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        boolean iface = s.kind == 'i';
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER;
        if (iface) access = Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT;
        String sup = iface ? "java/lang/Object" : s.sup;
        w.visit(Opcodes.V1_8, access, s.name, null, sup, s.ifaces);
        Set<String> have = new HashSet<>();
        if (!iface) {
            // Every generated class can be instantiated (Defaults returns instances of them).
            ctor(w, sup, "()V", s.kind == 't');
            have.add("<init>()V");
        }
        addMembers(w, s, iface, sup, have, true);
        w.visitEnd();
        return w.toByteArray();
    }

    static void addMembers(ClassVisitor cv, Spec s, boolean iface, String sup, Set<String> have, boolean fresh) {
        List<String> stringStatics = new ArrayList<>();
        Set<String> inheritedFields = inheritedFields(s.name);
        for (Map.Entry<String, Character> f : s.fields.entrySet()) {
            if (have.contains(f.getKey()) || inheritedFields.contains(f.getKey())) continue;
            int colon = f.getKey().indexOf(':');
            String name = f.getKey().substring(0, colon);
            String desc = f.getKey().substring(colon + 1);
            boolean st = f.getValue() == 's' || iface;
            int acc = Opcodes.ACC_PUBLIC | (st ? Opcodes.ACC_STATIC : 0) | (iface ? Opcodes.ACC_FINAL : 0);
            cv.visitField(acc, name, desc, null, null).visitEnd();
            boolean self = fresh && !iface && desc.equals("L" + s.name + ";"); // enum-like: Mode.SRC_IN, Config.ARGB_8888
            if (st && (desc.equals("Ljava/lang/String;") || self || s.values.containsKey(f.getKey()))) stringStatics.add(f.getKey());
            if (st && !iface && !have.contains(name + "$read()" + desc)) {
                // The accessor FieldReads rewrites getstatic into, so the agent sees reads of ontology fields.
                MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name + "$read", "()" + desc, null, null);
                mv.visitCode();
                mv.visitFieldInsn(Opcodes.GETSTATIC, s.name, name, desc);
                mv.visitInsn(Type.getType(desc).getOpcode(Opcodes.IRETURN));
                mv.visitMaxs(0, 0);
                mv.visitEnd();
            }
        }
        Set<String> inheritedHere = inherited(s.name);
        for (Map.Entry<String, Character> m : s.methods.entrySet()) {
            String key = m.getKey();
            if (have.contains(key) || inheritedHere.contains(key)) continue;
            int paren = key.indexOf('(');
            String name = key.substring(0, paren);
            String desc = key.substring(paren);
            if (name.equals("<clinit>")) continue;
            if (name.equals("<init>")) {
                if (!iface) ctor(cv, sup, desc, s.kind == 't');
                continue;
            }
            boolean st = m.getValue() == 's';
            int acc = Opcodes.ACC_PUBLIC | (st ? Opcodes.ACC_STATIC : 0);
            MethodVisitor mv = cv.visitMethod(acc, name, desc, null, null);
            body(mv, name, desc, st);
        }
        if (fresh && !stringStatics.isEmpty()) {
            // Android's string constants are non-null; "" keeps string switches and concatenations going.
            clinit(cv, s, stringStatics);
        }
    }

    /** A static initializer that gives each of FIELDS its value (`init`). */
    static void clinit(ClassVisitor cv, Spec s, Iterable<String> fields) {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        for (String f : fields) init(mv, s, f);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** FIELD ("name:desc") gets its known value (android_constants.toml) or, for a String, "". */
    static void init(MethodVisitor mv, Spec s, String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon);
        String desc = field.substring(colon + 1);
        String v = s.values.get(field);
        if (v == null && desc.equals("L" + s.name + ";")) {
            // A constant of the class's own type (an enum value on Android): a distinct non-null instance.
            mv.visitTypeInsn(Opcodes.NEW, s.name);
            mv.visitInsn(Opcodes.DUP);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, s.name, "<init>", "()V", false);
        } else if (v != null && v.startsWith("u:")) {
            mv.visitLdcInsn(v.substring(2));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "android/net/Uri", "parse", "(Ljava/lang/String;)Landroid/net/Uri;", false);
        } else {
            mv.visitLdcInsn(v != null ? v.substring(2) : "");
        }
        mv.visitFieldInsn(Opcodes.PUTSTATIC, s.name, name, desc);
    }

    static void ctor(ClassVisitor cv, String sup, String desc, boolean throwable) {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC, "<init>", desc, null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        if (throwable && desc.startsWith("(Ljava/lang/String;")) {
            // Exceptions keep their message: apps log and compare it.
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, sup, "<init>", "(Ljava/lang/String;)V", false);
        } else {
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, sup, "<init>", "()V", false);
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    static void body(MethodVisitor mv, String name, String desc, boolean static_) {
        mv.visitCode();
        // Never an empty body: HotSpot enters empty methods through a fast path a Frida hook does not see.
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, DEFAULTS, "nop", "()V", false);
        Type ret = Type.getReturnType(desc);
        Type[] params = Type.getArgumentTypes(desc);
        if (ret.getSort() != Type.VOID && params.length > 0 && params[params.length - 1].equals(ret)
                && (name.startsWith("get") || name.startsWith("opt"))) {
            // getInt(key, defValue), getString(name, def)...: the framework has no value, so the default wins.
            int slot = static_ ? 0 : 1;
            for (int i = 0; i < params.length - 1; i++) slot += params[i].getSize();
            mv.visitVarInsn(ret.getOpcode(Opcodes.ILOAD), slot);
            mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return;
        }
        switch (ret.getSort()) {
            case Type.VOID: mv.visitInsn(Opcodes.RETURN); break;
            case Type.LONG: mv.visitInsn(Opcodes.LCONST_0); mv.visitInsn(Opcodes.LRETURN); break;
            case Type.FLOAT: mv.visitInsn(Opcodes.FCONST_0); mv.visitInsn(Opcodes.FRETURN); break;
            case Type.DOUBLE: mv.visitInsn(Opcodes.DCONST_0); mv.visitInsn(Opcodes.DRETURN); break;
            case Type.OBJECT:
            case Type.ARRAY:
                mv.visitLdcInsn(ret.getDescriptor());
                mv.visitLdcInsn(name);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, DEFAULTS, "value",
                        "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;", false);
                mv.visitTypeInsn(Opcodes.CHECKCAST, ret.getSort() == Type.ARRAY ? ret.getDescriptor() : ret.getInternalName());
                mv.visitInsn(Opcodes.ARETURN);
                break;
            default: mv.visitInsn(Opcodes.ICONST_0); mv.visitInsn(Opcodes.IRETURN); break;
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
