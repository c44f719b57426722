package appaudit.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.FieldVisitor;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;

/**
 * Java agent: a static field read (getstatic, dex sget) runs no method a Frida hook could replace, so the
 * app's reads of the watched fields (-Dappaudit.fields=android.os.Build.MODEL,...) are rewritten into
 * calls of the stub accessor `<FIELD>$read()`, which the agent hooks. Only app classes are rewritten, and
 * only fields whose stub has the accessor; the stack type is unchanged, so frames stay valid.
 * It also routes app checkcasts through Views.cast (see there): the one place app bytecode is changed.
 * With -Dappaudit.signatures=TABLE (runtime/dexsig.py: the generic signatures of the APK's dex, which enjarify
 * drops), an app class, method or field without a Signature attribute gets the one from the table, so
 * getGenericSuperclass() and getGenericReturnType() see what ART sees (Gson's TypeToken, Retrofit).
 */
public final class FieldReads implements ClassFileTransformer {
    private final Set<String> watched = new HashSet<>();
    /** Class internal name -> its signatures: "" for the class, "M" + name + descriptor, "F" + name + descriptor. */
    private final Map<String, Map<String, String>> signatures;

    private FieldReads(String spec, Map<String, Map<String, String>> signatures) {
        for (String f : spec.split(",")) {
            int dot = f.lastIndexOf('.');
            if (dot > 0) watched.add(f.substring(0, dot).replace('.', '/') + "." + f.substring(dot + 1));
        }
        this.signatures = signatures;
    }

    public static void premain(String args, Instrumentation inst) {
        Map<String, Map<String, String>> sigs = readSignatures(System.getProperty("appaudit.signatures", ""));
        inst.addTransformer(new FieldReads(System.getProperty("appaudit.fields", ""), sigs));
    }

    /** The table dexsig.py wrote (C/M/F lines, tab-separated; '#' lines are notes); empty if unreadable. */
    static Map<String, Map<String, String>> readSignatures(String path) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (path.isEmpty()) return out;
        try (BufferedReader r = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split("\t", -1);
                if (p[0].equals("C") && p.length == 3) {
                    out.computeIfAbsent(p[1], k -> new HashMap<>()).put("", p[2]);
                } else if ((p[0].equals("M") || p[0].equals("F")) && p.length == 5) {
                    out.computeIfAbsent(p[1], k -> new HashMap<>()).put(p[0] + p[2] + p[3], p[4]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The run goes on with raw types (as before the table existed); say so once.
            System.err.println("appaudit harness: generic signatures not loaded from " + path + ": " + e);
        }
        return out;
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
            Map<String, String> sigs = signatures.get(className);
            reader.accept(new ClassVisitor(Opcodes.ASM8, writer) {
                /** The dex's signature of a class (key ""), method or field that has none in the class file. */
                private String added(String key, String sig) {
                    if (sig != null || sigs == null) return sig;
                    String dex = sigs.get(key);
                    if (dex != null) changed[0] = true;
                    return dex;
                }

                @Override
                public void visit(int version, int access, String name, String sig, String superName, String[] itfs) {
                    super.visit(version, access, name, added("", sig), superName, itfs);
                }

                @Override
                public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                    return super.visitField(access, name, desc, added("F" + name + desc, sig), value);
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exc) {
                    MethodVisitor mv = super.visitMethod(access, name, desc, added("M" + name + desc, sig), exc);
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
