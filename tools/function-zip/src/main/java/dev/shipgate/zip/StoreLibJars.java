package dev.shipgate.zip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a function zip so that every {@code lib/*.jar} inside it stores its entries uncompressed, and
 * (with {@code --lambda-classes=true}) has its lambdas turned into classes ({@link LambdaClasses}), as have the
 * function's own classes at the zip's root: each generated class follows its host in the zip. For the function's own
 * code that matters most after a SnapStart restore: a lambda the priming did not run is spun on the first request,
 * while a generated class is on the preload list and so already loaded in the snapshot.
 * <p>
 * Why stored: Lambda unpacks the zip into /var/task but leaves the jars as they are, so every class the
 * function loads at cold start is inflated first. Loading scan-gate's ~2,200 library classes took about 280 ms
 * of CPU from compressed jars and about 220 ms from stored ones. The outer zip stays compressed (and gets
 * smaller, because it now compresses across classes). Entry order, names and timestamps are kept, so the zip
 * stays reproducible.
 * <p>
 * Run by each function module's build right after the assembly (the {@code store-lib-jars} execution in the
 * parent POM runs this compiled class: {@code java -cp function-zip.jar:asm.jar dev.shipgate.zip.StoreLibJars
 * --lambda-classes=true target/function.zip}); {@code ./mvnw package -Dshipgate.lambdaClasses=false} builds
 * zips with every lambda left as it is.
 */
public final class StoreLibJars {

    private record Entry(String name, long time, byte[] data) {
        boolean isLibJar() {
            return name.startsWith("lib/") && name.endsWith(".jar");
        }

        /** The function's own classes, at the zip's root (not {@code META-INF}, not in a jar). */
        boolean isOwnClass() {
            return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].matches("--lambda-classes=(true|false)")) {
            throw new IllegalArgumentException("usage: java dev.shipgate.zip.StoreLibJars --lambda-classes=true|false <function.zip>");
        }
        rewrite(Path.of(args[1]), args[0].endsWith("true"));
    }

    /** Rewrites {@code zip} in place: same entries, names, order and timestamps; lib jars stored (and converted). */
    static void rewrite(Path zip, boolean lambdaClasses) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.add(new Entry(entry.getName(), entry.getTime(), entry.isDirectory() ? null : in.readAllBytes()));
            }
        }
        Map<String, Map<String, byte[]>> jars = new LinkedHashMap<>();
        Map<String, byte[]> rootFiles = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.data() == null) {
                continue;
            }
            if (entry.isLibJar()) {
                jars.put(entry.name(), readJar(entry.data()));
            } else {
                rootFiles.put(entry.name(), entry.data());
            }
        }
        LambdaClasses converter = new LambdaClasses(internalName -> {
            String file = internalName + ".class";
            byte[] found = rootFiles.get(file);
            for (var it = jars.values().iterator(); found == null && it.hasNext(); ) {
                found = it.next().get(file);
            }
            return found != null ? found : LambdaClasses.jdkClass(internalName);
        });

        Path rewritten = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            out.setLevel(9);
            for (Entry entry : entries) {
                ZipEntry copy = new ZipEntry(entry.name());
                copy.setTime(entry.time());
                out.putNextEntry(copy);
                Map<String, byte[]> generated = new LinkedHashMap<>();
                if (entry.data() != null && entry.isLibJar()) {
                    Map<String, byte[]> jar = jars.get(entry.name());
                    out.write(stored(lambdaClasses ? converter.convertJar(jar) : jar, entry.time()));
                } else if (entry.data() != null && lambdaClasses && entry.isOwnClass()) {
                    out.write(converter.convertClass(entry.data(), generated, n -> rootFiles.containsKey(n + ".class")));
                } else if (entry.data() != null) {
                    out.write(entry.data());
                }
                out.closeEntry();
                for (Map.Entry<String, byte[]> lambda : generated.entrySet()) {
                    ZipEntry added = new ZipEntry(lambda.getKey() + ".class");
                    added.setTime(entry.time());
                    out.putNextEntry(added);
                    out.write(lambda.getValue());
                    out.closeEntry();
                }
            }
        }
        Files.move(rewritten, zip, StandardCopyOption.REPLACE_EXISTING);
        if (lambdaClasses) {
            System.out.printf("StoreLibJars: %s: %d lambdas turned into classes, %d left as they were%n",
                    zip, converter.converted, converter.skipped);
        }
    }

    /** The jar's entries, name → bytes, in order. */
    private static Map<String, byte[]> readJar(byte[] jar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A jar of these entries, every one STORED. */
    private static byte[] stored(Map<String, byte[]> jar, long time) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, byte[]> entry : jar.entrySet()) {
                byte[] data = entry.getValue();
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry copy = new ZipEntry(entry.getKey());
                copy.setTime(time);
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(data.length);
                copy.setCompressedSize(data.length);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
