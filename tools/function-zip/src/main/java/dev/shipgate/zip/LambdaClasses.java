package dev.shipgate.zip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Turns the lambdas and method references of library classes, and of the function's own, into ordinary classes at
 * build time.
 * <p>
 * Why: every {@code invokedynamic} lambda makes the JVM spin a hidden class the first time it runs
 * ({@code LambdaMetafactory}), and the AWS SDK creates about a thousand of them while a client is built and
 * its first response is read (each model field has a getter and a setter lambda). Spinning costs several
 * times what loading a prepared class costs, and C1 spends much of a cold start compiling the JDK's spinning
 * code. A generated class does what the JDK's spun class does: it is a nestmate of the class that held the
 * lambda (so it may call that class's private {@code lambda$} methods), keeps the captured values in final
 * fields, and implements the functional interface method by calling the target with the same argument
 * conversions. Non-capturing lambdas stay singletons.
 * <p>
 * Left as they were (counted, not converted): serializable lambdas and any other {@code altMetafactory} call,
 * targets the generated class could not reach from the host's package (protected members of other
 * packages, {@code super::} calls), classes that are already members of another class's nest, classes the
 * version bump could break (see convertClass), signed jars, and argument conversions beyond cast, box, unbox
 * and primitive widening.
 */
final class LambdaClasses {

    static final int NEST_VERSION = Opcodes.V11;
    private static final String LMF = "java/lang/invoke/LambdaMetafactory";

    /** Finds any class file on the function's class path, including the JDK's; null when absent. */
    private final Function<String, byte[]> classFiles;
    private final Map<String, ClassInfo> infos = new HashMap<>();
    int converted;
    int skipped;

    LambdaClasses(Function<String, byte[]> classFiles) {
        this.classFiles = classFiles;
    }

    /** The jar's entries (name → bytes, in order) with lambdas turned into classes; new classes follow their host. */
    Map<String, byte[]> convertJar(Map<String, byte[]> entries) {
        if (entries.keySet().stream().anyMatch(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))) {
            return entries; // signed: a changed class would fail the signature check when it loads
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                out.put(name, entry.getValue());
                continue;
            }
            Map<String, byte[]> generated = new LinkedHashMap<>();
            byte[] host = convertClass(entry.getValue(), generated, n -> entries.containsKey(n + ".class"));
            out.put(name, host);
            generated.forEach((internalName, bytes) -> out.put(internalName + ".class", bytes));
        }
        return out;
    }

    /** The class with its convertible lambdas replaced; their classes are added to {@code generated}. */
    byte[] convertClass(byte[] classFile, Map<String, byte[]> generated, Predicate<String> taken) {
        ClassReader reader = new ClassReader(classFile);
        Scan scan = new Scan();
        reader.accept(scan, ClassReader.SKIP_FRAMES);
        if (scan.lambdaCount == 0) {
            return classFile;
        }
        // Already some nest's member; or a preview class file (its minor version must stay with its major);
        // or a class that writes its own final fields outside initializers, which class files from version 53
        // on may not do (javac never does; other compilers and bytecode weavers may).
        if (scan.nestHost != null || reader.readUnsignedShort(4) != 0 || scan.writesFinalFieldOutsideInitializer) {
            skipped += scan.lambdaCount;
            return classFile;
        }
        ClassWriter writer = new ClassWriter(0);
        Rewriter rewriter = new Rewriter(writer, reader.getClassName(), generated, taken);
        reader.accept(rewriter, 0);
        if (generated.isEmpty()) {
            return classFile;
        }
        return writer.toByteArray();
    }

    private static boolean isLambda(Handle bsm) {
        return bsm.getOwner().equals(LMF) && bsm.getName().equals("metafactory");
    }

    private static boolean isAnyLambda(Handle bsm) {
        return bsm.getOwner().equals(LMF);
    }

    /** First pass: does the class make lambdas at all, and is it already some nest's member? */
    private static final class Scan extends ClassVisitor {
        int lambdaCount;
        String nestHost;
        boolean writesFinalFieldOutsideInitializer;
        private String className;
        private final Set<String> finalFields = new HashSet<>();

        Scan() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
        }

        @Override
        public void visitNestHost(String host) {
            nestHost = host;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_FINAL) != 0) {
                finalFields.add(name + ":" + descriptor);
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            boolean initializer = name.equals("<init>") || name.equals("<clinit>");
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    if (isAnyLambda(bsm)) {
                        lambdaCount++;
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                    if (!initializer && (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)
                            && owner.equals(className) && finalFields.contains(field + ":" + desc)) {
                        writesFinalFieldOutsideInitializer = true;
                    }
                }
            };
        }
    }

    private final class Rewriter extends ClassVisitor {
        private final String host;
        private final Map<String, byte[]> generated;
        private final Predicate<String> taken;
        private String hostPackage;
        private boolean hostIsInterface;
        private int counter;

        Rewriter(ClassVisitor next, String host, Map<String, byte[]> generated, Predicate<String> taken) {
            super(Opcodes.ASM9, next);
            this.host = host;
            this.generated = generated;
            this.taken = taken;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            hostPackage = packageOf(name);
            hostIsInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            // Nest attributes need class file version 55; the bytecode itself is unchanged (see convertClass).
            super.visit(Math.max(version, NEST_VERSION), access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitInvokeDynamicInsn(String samName, String factoryDesc, Handle bsm, Object... args) {
                    if (!isAnyLambda(bsm)) {
                        super.visitInvokeDynamicInsn(samName, factoryDesc, bsm, args);
                        return;
                    }
                    LambdaShape shape = isLambda(bsm) ? LambdaShape.of(samName, factoryDesc, args) : null;
                    String className = shape == null ? null : generate(shape);
                    if (className == null) {
                        skipped++;
                        super.visitInvokeDynamicInsn(samName, factoryDesc, bsm, args);
                        return;
                    }
                    converted++;
                    Type factory = Type.getMethodType(factoryDesc);
                    if (factory.getArgumentTypes().length == 0) {
                        super.visitFieldInsn(Opcodes.GETSTATIC, className, "INSTANCE", "L" + className + ";");
                    } else {
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, className, "create", factoryDesc, false);
                    }
                }
            };
        }

        @Override
        public void visitEnd() {
            for (String member : generated.keySet()) {
                super.visitNestMember(member);
            }
            super.visitEnd();
        }

        /** Writes the class for one lambda, or returns null when it must stay a lambda. */
        private String generate(LambdaShape shape) {
            if (!reachable(shape)) {
                return null;
            }
            String name;
            do {
                name = host + "$$Lambda$" + (++counter);
            } while (taken.test(name) || generated.containsKey(name));
            byte[] bytes = LambdaClassWriter.write(name, host, hostIsInterface, shape);
            if (bytes == null) {
                return null;
            }
            generated.put(name, bytes);
            return name;
        }

        /** Can a class in the host's package, nestmate of the host, make this call and name these types? */
        private boolean reachable(LambdaShape shape) {
            Handle impl = shape.impl();
            String owner = impl.getOwner();
            if (!typeReachable(shape.interfaceType())) {
                return false;
            }
            for (Type type : shape.factory().getArgumentTypes()) {
                if (!typeReachable(type)) {
                    return false;
                }
            }
            for (Type type : shape.samInstantiated().getArgumentTypes()) {
                if (!typeReachable(type)) {
                    return false;
                }
            }
            for (Type type : Type.getArgumentTypes(impl.getDesc())) {
                if (!typeReachable(type)) {
                    return false;
                }
            }
            String declaring = declaringClass(owner, impl.getName(), impl.getDesc());
            if (declaring == null) {
                return false;
            }
            int access = info(declaring).methods().get(impl.getName() + impl.getDesc());
            boolean isPrivate = (access & Opcodes.ACC_PRIVATE) != 0;
            if (impl.getTag() == Opcodes.H_INVOKESPECIAL) {
                // Only a private method of the host itself, which a nestmate calls virtually; never super:: calls.
                return isPrivate && owner.equals(host) && declaring.equals(host);
            }
            if (isPrivate) {
                return declaring.equals(host);
            }
            if (!classReachable(owner)) {
                return false;
            }
            // Protected members of another package need a subclass caller, which the generated class is not.
            return (access & Opcodes.ACC_PUBLIC) != 0 || packageOf(declaring).equals(hostPackage);
        }

        private boolean typeReachable(Type type) {
            while (type.getSort() == Type.ARRAY) {
                type = type.getElementType();
            }
            return type.getSort() != Type.OBJECT || classReachable(type.getInternalName());
        }

        private boolean classReachable(String internalName) {
            if (packageOf(internalName).equals(hostPackage)) {
                return info(internalName) != null;
            }
            ClassInfo info = info(internalName);
            return info != null && (info.access & Opcodes.ACC_PUBLIC) != 0;
        }
    }

    // ---- class path lookups (access flags and members, for the reachability check) ----

    private record ClassInfo(int access, String superName, String[] interfaces, Map<String, Integer> methods) {
    }

    private ClassInfo info(String internalName) {
        return infos.computeIfAbsent(internalName, n -> {
            byte[] bytes = classFiles.apply(n);
            if (bytes == null) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            Map<String, Integer> methods = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    methods.put(name + descriptor, access);
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return new ClassInfo(reader.getAccess(), reader.getSuperName(), reader.getInterfaces(), methods);
        });
    }

    private String declaringClass(String owner, String name, String desc) {
        for (String current = owner; current != null; ) {
            ClassInfo info = info(current);
            if (info == null) {
                return null;
            }
            if (info.methods.containsKey(name + desc)) {
                return current;
            }
            for (String itf : info.interfaces) {
                String found = declaringClass(itf, name, desc);
                if (found != null) {
                    return found;
                }
            }
            current = info.superName;
        }
        return null;
    }

    static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    // ---- the lambda and its class ----

    /** One {@code LambdaMetafactory.metafactory} call site. */
    record LambdaShape(String samName, Type factory, Type samErased, Handle impl, Type samInstantiated) {

        static LambdaShape of(String samName, String factoryDesc, Object[] args) {
            if (args.length != 3 || !(args[0] instanceof Type erased) || !(args[1] instanceof Handle impl)
                    || !(args[2] instanceof Type instantiated)) {
                return null;
            }
            return new LambdaShape(samName, Type.getMethodType(factoryDesc), erased, impl, instantiated);
        }

        Type interfaceType() {
            return factory.getReturnType();
        }
    }

    static final class LambdaClassWriter {

        /** The class bytes, or null when an argument or result needs a conversion this writer does not make. */
        static byte[] write(String name, String host, boolean hostIsInterface, LambdaShape shape) {
            Type[] captured = shape.factory().getArgumentTypes();
            String itf = shape.interfaceType().getInternalName();
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            cw.visit(NEST_VERSION, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null,
                    "java/lang/Object", new String[] {itf});
            cw.visitNestHost(host);
            for (int i = 0; i < captured.length; i++) {
                cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "arg$" + (i + 1), captured[i].getDescriptor(), null, null)
                        .visitEnd();
            }
            String ctorDesc = Type.getMethodDescriptor(Type.VOID_TYPE, captured);
            MethodVisitor ctor = cw.visitMethod(Opcodes.ACC_PRIVATE, "<init>", ctorDesc, null, null);
            ctor.visitCode();
            ctor.visitVarInsn(Opcodes.ALOAD, 0);
            ctor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            int slot = 1;
            for (int i = 0; i < captured.length; i++) {
                ctor.visitVarInsn(Opcodes.ALOAD, 0);
                ctor.visitVarInsn(captured[i].getOpcode(Opcodes.ILOAD), slot);
                slot += captured[i].getSize();
                ctor.visitFieldInsn(Opcodes.PUTFIELD, name, "arg$" + (i + 1), captured[i].getDescriptor());
            }
            ctor.visitInsn(Opcodes.RETURN);
            ctor.visitMaxs(0, 0);
            ctor.visitEnd();

            if (captured.length == 0) {
                cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "INSTANCE", "L" + name + ";", null, null).visitEnd();
                MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
                clinit.visitCode();
                clinit.visitTypeInsn(Opcodes.NEW, name);
                clinit.visitInsn(Opcodes.DUP);
                clinit.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", "()V", false);
                clinit.visitFieldInsn(Opcodes.PUTSTATIC, name, "INSTANCE", "L" + name + ";");
                clinit.visitInsn(Opcodes.RETURN);
                clinit.visitMaxs(0, 0);
                clinit.visitEnd();
            } else {
                MethodVisitor create = cw.visitMethod(Opcodes.ACC_STATIC, "create", shape.factory().getDescriptor(), null, null);
                create.visitCode();
                create.visitTypeInsn(Opcodes.NEW, name);
                create.visitInsn(Opcodes.DUP);
                int local = 0;
                for (Type type : captured) {
                    create.visitVarInsn(type.getOpcode(Opcodes.ILOAD), local);
                    local += type.getSize();
                }
                create.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", ctorDesc, false);
                create.visitInsn(Opcodes.ARETURN);
                create.visitMaxs(0, 0);
                create.visitEnd();
            }

            if (!writeSam(cw, name, host, hostIsInterface, shape, captured)) {
                return null;
            }
            cw.visitEnd();
            return cw.toByteArray();
        }

        private static boolean writeSam(ClassWriter cw, String name, String host, boolean hostIsInterface,
                                        LambdaShape shape, Type[] captured) {
            Handle impl = shape.impl();
            Type implType = Type.getMethodType(impl.getDesc());
            int tag = impl.getTag();
            boolean hasReceiver = tag == Opcodes.H_INVOKEVIRTUAL || tag == Opcodes.H_INVOKEINTERFACE
                    || tag == Opcodes.H_INVOKESPECIAL;
            List<Type> implParams = new ArrayList<>();
            if (hasReceiver) {
                implParams.add(Type.getObjectType(impl.getOwner()));
            }
            implParams.addAll(List.of(implType.getArgumentTypes()));
            Type[] samParams = shape.samErased().getArgumentTypes();
            Type[] dynParams = shape.samInstantiated().getArgumentTypes();
            if (captured.length + samParams.length != implParams.size()) {
                return false;
            }

            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, shape.samName(), shape.samErased().getDescriptor(), null, null);
            mv.visitCode();
            if (tag == Opcodes.H_NEWINVOKESPECIAL) {
                mv.visitTypeInsn(Opcodes.NEW, impl.getOwner());
                mv.visitInsn(Opcodes.DUP);
            }
            for (int i = 0; i < captured.length; i++) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitFieldInsn(Opcodes.GETFIELD, name, "arg$" + (i + 1), captured[i].getDescriptor());
                if (!convert(mv, captured[i], captured[i], implParams.get(i))) {
                    return false;
                }
            }
            int slot = 1;
            for (int i = 0; i < samParams.length; i++) {
                mv.visitVarInsn(samParams[i].getOpcode(Opcodes.ILOAD), slot);
                slot += samParams[i].getSize();
                if (!convert(mv, samParams[i], dynParams[i], implParams.get(captured.length + i))) {
                    return false;
                }
            }
            String owner = impl.getOwner();
            switch (tag) {
                case Opcodes.H_INVOKESTATIC ->
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, impl.getName(), impl.getDesc(), impl.isInterface());
                case Opcodes.H_INVOKEVIRTUAL ->
                        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, impl.getName(), impl.getDesc(), false);
                case Opcodes.H_INVOKEINTERFACE ->
                        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, owner, impl.getName(), impl.getDesc(), true);
                // Only the host's own private methods get here (see reachable); nestmates call them virtually.
                case Opcodes.H_INVOKESPECIAL -> mv.visitMethodInsn(
                        impl.isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
                        owner, impl.getName(), impl.getDesc(), impl.isInterface());
                case Opcodes.H_NEWINVOKESPECIAL ->
                        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", impl.getDesc(), false);
                default -> {
                    return false;
                }
            }
            Type implReturn = tag == Opcodes.H_NEWINVOKESPECIAL ? Type.getObjectType(owner) : implType.getReturnType();
            Type samReturn = shape.samErased().getReturnType();
            if (samReturn.getSort() == Type.VOID) {
                if (implReturn.getSize() == 1) {
                    mv.visitInsn(Opcodes.POP);
                } else if (implReturn.getSize() == 2) {
                    mv.visitInsn(Opcodes.POP2);
                }
                mv.visitInsn(Opcodes.RETURN);
            } else {
                if (implReturn.getSort() == Type.VOID
                        || !convert(mv, implReturn, implReturn, samReturn)) {
                    return false;
                }
                mv.visitInsn(samReturn.getOpcode(Opcodes.IRETURN));
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return true;
        }

        /**
         * Converts the value on the stack, of type {@code from} (known at run time to be {@code dynamic}), to
         * {@code to}, as the JDK's lambda classes do; false when this needs a conversion not handled here.
         */
        static boolean convert(MethodVisitor mv, Type from, Type dynamic, Type to) {
            if (isPrimitive(from)) {
                if (isPrimitive(to)) {
                    return widen(mv, from, to);
                }
                Type box = boxOf(from);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, box.getInternalName(), "valueOf",
                        Type.getMethodDescriptor(box, from), false);
                return true;
            }
            Type src = from;
            if (!isPrimitive(dynamic) && !dynamic.equals(from)) {   // as the JDK: CCE for a polluted argument
                cast(mv, dynamic);
                src = dynamic;
            }
            if (!isPrimitive(to)) {
                if (!to.equals(src)) {
                    cast(mv, to);
                }
                return true;
            }
            Type primitive = unboxedOf(src);
            if (primitive != null) {
                cast(mv, boxOf(primitive));
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxOf(primitive).getInternalName(), primitive.getClassName() + "Value",
                        Type.getMethodDescriptor(primitive), false);
                return widen(mv, primitive, to);
            }
            // Not a wrapper (an erased type variable): like the JDK, Number.xxxValue() for numbers.
            String owner = to.getSort() == Type.CHAR ? "java/lang/Character"
                    : to.getSort() == Type.BOOLEAN ? "java/lang/Boolean" : "java/lang/Number";
            mv.visitTypeInsn(Opcodes.CHECKCAST, owner);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, to.getClassName() + "Value", Type.getMethodDescriptor(to), false);
            return true;
        }

        private static void cast(MethodVisitor mv, Type to) {
            if (!to.getDescriptor().equals("Ljava/lang/Object;")) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, to.getSort() == Type.ARRAY ? to.getDescriptor() : to.getInternalName());
            }
        }

        private static boolean isPrimitive(Type type) {
            return type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY;
        }

        private static final Map<Integer, String> BOXES = Map.of(
                Type.BOOLEAN, "java/lang/Boolean", Type.CHAR, "java/lang/Character", Type.BYTE, "java/lang/Byte",
                Type.SHORT, "java/lang/Short", Type.INT, "java/lang/Integer", Type.LONG, "java/lang/Long",
                Type.FLOAT, "java/lang/Float", Type.DOUBLE, "java/lang/Double");

        private static Type boxOf(Type primitive) {
            return Type.getObjectType(BOXES.get(primitive.getSort()));
        }

        private static Type unboxedOf(Type type) {
            if (type.getSort() != Type.OBJECT) {
                return null;
            }
            for (Map.Entry<Integer, String> box : BOXES.entrySet()) {
                if (box.getValue().equals(type.getInternalName())) {
                    return switch (box.getKey()) {
                        case Type.BOOLEAN -> Type.BOOLEAN_TYPE;
                        case Type.CHAR -> Type.CHAR_TYPE;
                        case Type.BYTE -> Type.BYTE_TYPE;
                        case Type.SHORT -> Type.SHORT_TYPE;
                        case Type.INT -> Type.INT_TYPE;
                        case Type.LONG -> Type.LONG_TYPE;
                        case Type.FLOAT -> Type.FLOAT_TYPE;
                        default -> Type.DOUBLE_TYPE;
                    };
                }
            }
            return null;
        }

        /** Primitive widening (JLS 5.1.2); false for anything narrowing or boolean-changing. */
        private static boolean widen(MethodVisitor mv, Type from, Type to) {
            if (from.equals(to)) {
                return true;
            }
            int f = from.getSort();
            int t = to.getSort();
            boolean intLike = f == Type.BYTE || f == Type.SHORT || f == Type.CHAR || f == Type.INT;
            if (intLike && (t == Type.INT || (t == Type.SHORT && f == Type.BYTE))) {
                return true;
            }
            if (intLike && t == Type.LONG) {
                mv.visitInsn(Opcodes.I2L);
            } else if (intLike && t == Type.FLOAT) {
                mv.visitInsn(Opcodes.I2F);
            } else if (intLike && t == Type.DOUBLE) {
                mv.visitInsn(Opcodes.I2D);
            } else if (f == Type.LONG && t == Type.FLOAT) {
                mv.visitInsn(Opcodes.L2F);
            } else if (f == Type.LONG && t == Type.DOUBLE) {
                mv.visitInsn(Opcodes.L2D);
            } else if (f == Type.FLOAT && t == Type.DOUBLE) {
                mv.visitInsn(Opcodes.F2D);
            } else {
                return false;
            }
            return true;
        }
    }

    // ---- class files ----

    /** A class file from the running JDK (the lookups only need access flags and method names). */
    static byte[] jdkClass(String internalName) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
