package appaudit.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.internal.org.objectweb.asm.AnnotationVisitor;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.FieldVisitor;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;
import jdk.internal.org.objectweb.asm.Type;

/**
 * Java agent: a static field read (getstatic, dex sget) runs no method a Frida hook could replace, so the
 * app's reads of the watched fields (-Dappaudit.fields=android.os.Build.MODEL,...) are rewritten into
 * calls of the stub accessor `<FIELD>$read()`, which the agent hooks. Only app classes are rewritten, and
 * only fields whose stub has the accessor; the stack type is unchanged, so frames stay valid.
 * It also routes app checkcasts through Views.cast (see there), and an app's exits through AppExit: the only
 * places app bytecode is changed.
 * With -Dappaudit.signatures=TABLE (runtime/dexsig.py: the generic signatures of the APK's dex, which enjarify
 * drops), an app class, method or field without a Signature attribute gets the one from the table, so
 * getGenericSuperclass() and getGenericReturnType() see what ART sees (Gson's TypeToken, Retrofit); the same
 * table's runtime-visible annotations (classes, methods, fields, parameters, annotation defaults) are added too
 * (Retrofit's @GET/@Query, Gson's @SerializedName), since enjarify writes none.
 */
public final class FieldReads implements ClassFileTransformer {
    private final Set<String> watched = new HashSet<>();
    /** Class internal name -> its signatures and annotations (see readSignatures). */
    private final Map<String, Map<String, List<String>>> signatures;

    private FieldReads(String spec, Map<String, Map<String, List<String>>> signatures) {
        for (String f : spec.split(",")) {
            int dot = f.lastIndexOf('.');
            if (dot > 0) watched.add(f.substring(0, dot).replace('.', '/') + "." + f.substring(dot + 1));
        }
        this.signatures = signatures;
    }

    public static void premain(String args, Instrumentation inst) {
        Map<String, Map<String, List<String>>> sigs = readSignatures(System.getProperty("appaudit.signatures", ""));
        inst.addTransformer(new FieldReads(System.getProperty("appaudit.fields", ""), sigs));
    }

    /** The table dexsig.py wrote (tab-separated lines; '#' lines are notes); empty if unreadable. Each class's
     * lines are kept under "KIND\tNAME\tDESCRIPTOR" (C and CA: the kind alone; AD: kind and element name). */
    static Map<String, Map<String, List<String>>> readSignatures(String path) {
        Map<String, Map<String, List<String>>> out = new HashMap<>();
        if (path.isEmpty()) return out;
        try (BufferedReader r = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split("\t", -1);
                String key;
                if ((p[0].equals("C") || p[0].equals("CA")) && p.length == 3) {
                    key = p[0];
                } else if (p[0].equals("AD") && p.length == 5) {
                    key = p[0] + "\t" + p[2];
                } else if (p.length == 5 && !p[0].startsWith("#")) {
                    key = p[0] + "\t" + p[2] + "\t" + p[3];
                } else {
                    continue;
                }
                out.computeIfAbsent(p[1], k -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>(1))
                        .add(p[p.length - 1]);
            }
        } catch (IOException | RuntimeException e) {
            // The run goes on with raw types (as before the table existed); say so once.
            System.err.println("appaudit harness: generic signatures not loaded from " + path + ": " + e);
        }
        return out;
    }

    /** Reads one annotation of dexsig.py's text form (see _Encoder there) into ASM visitors. */
    static final class Annotations {
        private final String s;
        private int i;

        Annotations(String s) {
            this.s = s;
        }

        private String until(char end) {
            int j = s.indexOf(end, i);
            if (j < 0) throw new IllegalArgumentException("bad annotation text");
            String t = s.substring(i, j);
            i = j + 1;
            return t;
        }

        private String text(char end) {
            String hex = until(end);
            byte[] b = new byte[hex.length() / 2];
            for (int k = 0; k < b.length; k++) b[k] = (byte) Integer.parseInt(hex.substring(2 * k, 2 * k + 2), 16);
            return new String(b, StandardCharsets.UTF_8);
        }

        private long number() {
            return Long.parseLong(until(';'));
        }

        /** TEXT ("@desc,n;" and its elements) on the visitor FACTORY makes for its descriptor; read through once
         * without a visitor first, so a damaged text adds nothing rather than half an annotation. */
        static void add(String text, java.util.function.Function<String, AnnotationVisitor> factory) {
            new Annotations(text).annotation(desc -> null);
            new Annotations(text).annotation(factory);
        }

        /** A default value's TEXT on DEFAULTS (an annotation method's AnnotationDefault), checked the same way. */
        static void addDefault(String text, java.util.function.Supplier<AnnotationVisitor> defaults) {
            new Annotations(text).value(null, null);
            AnnotationVisitor dv = defaults.get();
            new Annotations(text).value(dv, null);
            dv.visitEnd();
        }

        void annotation(java.util.function.Function<String, AnnotationVisitor> factory) {
            if (s.charAt(i++) != '@') throw new IllegalArgumentException("bad annotation text");
            String desc = text(',');
            int n = (int) number();
            AnnotationVisitor av = factory.apply(desc);
            for (int k = 0; k < n; k++) value(av, text(','));
            if (av != null) av.visitEnd();
        }

        void value(AnnotationVisitor av, String name) {
            char t = s.charAt(i++);
            switch (t) {
                case 'Z': if (av != null) av.visit(name, number() != 0); else number(); return;
                case 'B': visit(av, name, (byte) number()); return;
                case 'S': visit(av, name, (short) number()); return;
                case 'C': visit(av, name, (char) number()); return;
                case 'I': visit(av, name, (int) number()); return;
                case 'J': visit(av, name, number()); return;
                case 'F': visit(av, name, Float.intBitsToFloat((int) number())); return;
                case 'D': visit(av, name, Double.longBitsToDouble(number())); return;
                case 's': visit(av, name, text(';')); return;
                case 'c': visit(av, name, Type.getType(text(';'))); return;
                case 'e': {
                    String desc = text(',');
                    String constant = text(';');
                    if (av != null) av.visitEnum(name, desc, constant);
                    return;
                }
                case '[': {
                    int n = (int) number();
                    AnnotationVisitor arr = av == null ? null : av.visitArray(name);
                    for (int k = 0; k < n; k++) value(arr, null);
                    if (arr != null) arr.visitEnd();
                    return;
                }
                case '@': {
                    i--;
                    annotation(desc -> av == null ? null : av.visitAnnotation(name, desc));
                    return;
                }
                default: throw new IllegalArgumentException("bad annotation value " + t);
            }
        }

        private static void visit(AnnotationVisitor av, String name, Object v) {
            if (av != null) av.visit(name, v);
        }
    }

    /** Casts to arrays, JDK types and String never meet a stub that needs replacing. */
    private static boolean castable(String type) {
        return !type.startsWith("[") && !type.startsWith("java/") && !type.startsWith("javax/") && !type.startsWith("kotlin/");
    }

    private static boolean framework(String name) {
        return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/")
                || name.startsWith("sun/") || name.startsWith("com/sun/")
                || (name.startsWith("android/") && !name.startsWith("android/support/") && !name.startsWith("android/arch/"))
                || name.startsWith("appaudit/");
    }

    private boolean hasAccessor(ClassLoader loader, String owner, String name, String desc) {
        try {
            Class<?> c = Class.forName(owner.replace('/', '.'), false, loader);
            return c.getMethod(name + "$read").getReturnType().descriptorString().equals(desc);
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        if (className == null || framework(className) || redefined != null) return null;
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            boolean[] changed = {false};
            Map<String, List<String>> sigs = signatures.get(className);
            reader.accept(new ClassVisitor(Opcodes.ASM8, writer) {
                private List<String> lines(String key) {
                    List<String> l = sigs == null ? null : sigs.get(key);
                    if (l != null) changed[0] = true;
                    return l == null ? List.of() : l;
                }

                /** The dex's signature of a class, method or field that has none in the class file. */
                private String added(String key, String sig) {
                    if (sig != null || sigs == null) return sig;
                    List<String> l = lines(key);
                    return l.isEmpty() ? null : l.get(0);
                }

                /** The dex's runtime annotations (enjarify writes none), each parsed on its own: a bad one is skipped. */
                private void annotate(String key, java.util.function.BiFunction<String, String, AnnotationVisitor> make) {
                    for (String text : lines(key)) {
                        try {
                            Annotations.add(text, desc -> make.apply(desc, text));
                        } catch (RuntimeException e) {
                            System.err.println("appaudit harness: annotation of " + className + " skipped: " + e);
                        }
                    }
                }

                @Override
                public void visit(int version, int access, String name, String sig, String superName, String[] itfs) {
                    super.visit(version, access, name, added("C", sig), superName, itfs);
                    annotate("CA", (desc, text) -> super.visitAnnotation(desc, true));
                }

                @Override
                public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                    FieldVisitor fv = super.visitField(access, name, desc, added("F\t" + name + "\t" + desc, sig), value);
                    if (fv != null) annotate("FA\t" + name + "\t" + desc, (d, text) -> fv.visitAnnotation(d, true));
                    return fv;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exc) {
                    String key = "\t" + name + "\t" + desc;
                    MethodVisitor mv = super.visitMethod(access, name, desc, added("M" + key, sig), exc);
                    if (mv != null) {
                        annotate("MA" + key, (d, text) -> mv.visitAnnotation(d, true));
                        int params = Type.getArgumentTypes(desc).length;
                        for (String text : lines("PA" + key)) {
                            try {
                                int colon = text.indexOf(':');
                                int index = Integer.parseInt(text.substring(0, colon));
                                if (index < params) {
                                    Annotations.add(text.substring(colon + 1),
                                            d -> mv.visitParameterAnnotation(index, d, true));
                                }
                            } catch (RuntimeException e) {
                                System.err.println("appaudit harness: annotation of " + className + " skipped: " + e);
                            }
                        }
                        if (desc.startsWith("()")) {
                            for (String text : lines("AD\t" + name)) {
                                try {
                                    Annotations.addDefault(text, mv::visitAnnotationDefault);
                                } catch (RuntimeException e) {
                                    System.err.println("appaudit harness: default of " + className + " skipped: " + e);
                                }
                                break;
                            }
                        }
                    }
                    return new MethodVisitor(Opcodes.ASM8, mv) {
                        @Override
                        public void visitTypeInsn(int op, String type) {
                            if (op == Opcodes.INSTANCEOF && castable(type)) {
                                // A stub view "is" the view type the app tests for (Views.isInstance).
                                changed[0] = true;
                                super.visitLdcInsn(type);
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "appaudit/harness/Views", "isInstance",
                                        "(Ljava/lang/Object;Ljava/lang/String;)Z", false);
                                return;
                            }
                            if (op == Opcodes.CHECKCAST && castable(type)) {
                                // See Views: a stub framework object becomes a stub of the type the app expects.
                                changed[0] = true;
                                super.visitLdcInsn(type);
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "appaudit/harness/Views", "cast",
                                        "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;", false);
                            }
                            super.visitTypeInsn(op, type);
                        }

                        @Override
                        public void visitMethodInsn(int op, String owner, String mname, String mdesc, boolean itf) {
                            if (op == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Class") && mname.equals("cast")
                                    && mdesc.equals("(Ljava/lang/Object;)Ljava/lang/Object;")) {
                                // Class.cast(view) (ButterKnife & co): the same stub replacement as checkcast.
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "appaudit/harness/Views", "classCast",
                                        "(Ljava/lang/Class;Ljava/lang/Object;)Ljava/lang/Object;", false);
                                return;
                            }
                            if (op == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                                    && (mname.equals("loadLibrary") || mname.equals("load")) && mdesc.equals("(Ljava/lang/String;)V")) {
                                changed[0] = true;  // see Natives: reported, never thrown
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "appaudit/harness/Natives", mname, mdesc, false);
                                return;
                            }
                            if (mdesc.equals("(I)V") && ((op == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && mname.equals("exit"))
                                    || (op == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                        && (mname.equals("exit") || mname.equals("halt"))))) {
                                changed[0] = true;  // see AppExit: ends the entry point, not the run
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "appaudit/harness/AppExit", "exit",
                                        op == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
                                return;
                            }
                            if (op == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                    && (mname.equals("loadLibrary") || mname.equals("load")) && mdesc.equals("(Ljava/lang/String;)V")) {
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "appaudit/harness/Natives", mname,
                                        "(Ljava/lang/Runtime;Ljava/lang/String;)V", false);
                                return;
                            }
                            super.visitMethodInsn(op, owner, mname, mdesc, itf);
                        }

                        @Override
                        public void visitFieldInsn(int op, String owner, String fname, String fdesc) {
                            if (op == Opcodes.GETSTATIC && watched.contains(owner + "." + fname)
                                    && hasAccessor(loader, owner, fname, fdesc)) {
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, fname + "$read", "()" + fdesc, false);
                            } else {
                                super.visitFieldInsn(op, owner, fname, fdesc);
                            }
                        }
                    };
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        } catch (Throwable t) {
            System.err.println("appaudit harness: cannot rewrite " + className + ": " + t);
            return null;
        }
    }
}
