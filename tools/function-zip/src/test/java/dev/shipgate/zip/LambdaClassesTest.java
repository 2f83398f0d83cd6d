package dev.shipgate.zip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

class LambdaClassesTest {

    @TempDir
    static Path compiled;

    /** The fixtures compiled for Java 8, as the AWS SDK is: class name (internal) + ".class" → bytes. */
    private static Map<String, byte[]> original;

    @BeforeAll
    static void compileFixtures() throws IOException {
        Path sources = Path.of("src/test/resources/fixtures");
        List<String> args = new ArrayList<>(List.of("--release", "8", "-nowarn", "-Xlint:-options", "-d", compiled.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(exit).as("javac exit code").isZero();
        original = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(compiled)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                original.put(compiled.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
    }

    private static LambdaClasses converter(Map<String, byte[]> jar) {
        return new LambdaClasses(name -> {
            byte[] bytes = jar.get(name + ".class");
            return bytes != null ? bytes : LambdaClasses.jdkClass(name);
        });
    }

    @Test
    void convertedClassesBehaveExactlyAsTheLambdasDid() throws Exception {
        LambdaClasses converter = converter(original);
        Map<String, byte[]> converted = converter.convertJar(original);

        String expected = run(original);
        assertThat(expected).isEqualTo(
                "constant|true|local+|h:x|h!|hello|h|UP|4|42|ff|42|b|ArrayList|made|3|[7]|42|3.0|hi, greeter!"
                        + "|7|[1, 2, 3]|polluted argument refused|serializable");
        assertThat(run(converted)).isEqualTo(expected);
        // Every lambda became a class except the serializable one (its call site and the copy javac puts in
        // $deserializeLambda$); the JVM verified each class, since a plain class loader defined it.
        assertThat(lambdaCount(original)).isEqualTo(27);
        assertThat(converter.converted).isEqualTo(25);
        assertThat(converter.skipped).isEqualTo(2);
        assertThat(lambdaCount(converted)).isEqualTo(2);
        assertThat(converted.keySet()).contains("fx/Host$$Lambda$1.class", "fx/Greeter$$Lambda$1.class",
                "fx/Host$Inner$$Lambda$1.class");
    }

    @Test
    void classesWithoutLambdasAreLeftByteForByte() {
        Map<String, byte[]> converted = converter(original).convertJar(original);
        assertThat(converted.get("fx/base/Base.class")).isSameAs(original.get("fx/base/Base.class"));
        assertThat(converted.get("fx/Host.class")).isNotEqualTo(original.get("fx/Host.class"));
    }

    @Test
    void aNonCapturingLambdaStaysOneInstance() throws Exception {
        ClassLoader loader = loader(converter(original).convertJar(original));
        Method constant = loader.loadClass("fx.Host").getDeclaredMethod("constant");
        constant.setAccessible(true);
        Object first = constant.invoke(null);
        assertThat(constant.invoke(null)).isSameAs(first);
        assertThat(first.getClass().getName()).isEqualTo("fx.Host$$Lambda$1");
        assertThat(first.getClass().isSynthetic()).isTrue();
        assertThat(first.getClass().getNestHost().getName()).isEqualTo("fx.Host");
    }

    @Test
    void generatedNamesNeverReplaceAnExistingClass() {
        Map<String, byte[]> jar = new LinkedHashMap<>(original);
        byte[] placeholder = original.get("fx/base/Base.class");
        jar.put("fx/Host$$Lambda$1.class", placeholder);
        Map<String, byte[]> converted = converter(jar).convertJar(jar);
        assertThat(converted.get("fx/Host$$Lambda$1.class")).isSameAs(placeholder);
        assertThat(converted).containsKey("fx/Host$$Lambda$2.class");
    }

    @Test
    void aProtectedMethodOfAnotherPackageStaysALambda() throws Exception {
        // javac reaches such methods through a lambda$ method; this call site names the inherited method directly,
        // which the JVM allows but a class that is not a subclass cannot call.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "fx/Sub", null, "fx/base/Base", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "fx/base/Base", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor supplier = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "supplier",
                "(Lfx/Sub;)Ljava/util/function/Supplier;", null, null);
        supplier.visitCode();
        supplier.visitVarInsn(Opcodes.ALOAD, 0);
        supplier.visitInvokeDynamicInsn("get", "(Lfx/Sub;)Ljava/util/function/Supplier;",
                METAFACTORY, Type.getType("()Ljava/lang/Object;"),
                new Handle(Opcodes.H_INVOKEVIRTUAL, "fx/Sub", "hello", "()Ljava/lang/String;", false),
                Type.getType("()Ljava/lang/String;"));
        supplier.visitInsn(Opcodes.ARETURN);
        supplier.visitMaxs(0, 0);
        supplier.visitEnd();
        cw.visitEnd();
        Map<String, byte[]> jar = new LinkedHashMap<>(original);
        jar.put("fx/Sub.class", cw.toByteArray());

        LambdaClasses converter = converter(jar);
        Map<String, byte[]> converted = converter.convertJar(jar);

        assertThat(converted.get("fx/Sub.class")).isSameAs(jar.get("fx/Sub.class"));
        assertThat(converter.skipped).isEqualTo(3);
        Class<?> sub = loader(converted).loadClass("fx.Sub");
        Object made = sub.getMethod("supplier", sub).invoke(null, sub.getConstructor().newInstance());
        assertThat(((java.util.function.Supplier<?>) made).get()).isEqualTo("hello");
    }

    @Test
    void aClassWritingItsFinalFieldsOutsideInitializersIsLeftAlone() {
        // Legal in version 52 class files, refused from 53 on; javac never emits it, other compilers may.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "fx/Lazy", null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "CACHE", "Ljava/lang/String;", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_STATIC, "init", "()V", null, null);
        init.visitCode();
        init.visitLdcInsn("set lazily");
        init.visitFieldInsn(Opcodes.PUTSTATIC, "fx/Lazy", "CACHE", "Ljava/lang/String;");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor supplier = cw.visitMethod(Opcodes.ACC_STATIC, "supplier", "()Ljava/util/function/Supplier;", null, null);
        supplier.visitCode();
        supplier.visitInvokeDynamicInsn("get", "()Ljava/util/function/Supplier;", METAFACTORY,
                Type.getType("()Ljava/lang/Object;"),
                new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "lineSeparator", "()Ljava/lang/String;", false),
                Type.getType("()Ljava/lang/String;"));
        supplier.visitInsn(Opcodes.ARETURN);
        supplier.visitMaxs(0, 0);
        supplier.visitEnd();
        cw.visitEnd();
        byte[] lazy = cw.toByteArray();
        LambdaClasses converter = converter(original);
        Map<String, byte[]> generated = new LinkedHashMap<>();

        assertThat(converter.convertClass(lazy, generated, name -> false)).isSameAs(lazy);
        assertThat(generated).isEmpty();
        assertThat(converter.skipped).isEqualTo(1);
    }

    @Test
    void aSignedJarIsLeftAlone() {
        Map<String, byte[]> signed = new LinkedHashMap<>(original);
        signed.put("META-INF/SIGNER.SF", new byte[0]);
        signed.put("META-INF/SIGNER.RSA", new byte[0]);
        assertThat(converter(signed).convertJar(signed)).isSameAs(signed);
    }

    private static final Handle METAFACTORY = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory",
            "metafactory", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private static String run(Map<String, byte[]> classes) throws Exception {
        return (String) loader(classes).loadClass("fx.Host").getMethod("run").invoke(null);
    }

    private static ClassLoader loader(Map<String, byte[]> classes) {
        return new ClassLoader(LambdaClassesTest.class.getClassLoader().getParent()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name.replace('.', '/') + ".class");
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    /** invokedynamic call sites that bootstrap through LambdaMetafactory, over all classes. */
    private static int lambdaCount(Map<String, byte[]> classes) {
        int[] count = {0};
        classes.values().forEach(bytes -> new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")) {
                            count[0]++;
                        }
                    }
                };
            }
        }, 0));
        return count[0];
    }
}
