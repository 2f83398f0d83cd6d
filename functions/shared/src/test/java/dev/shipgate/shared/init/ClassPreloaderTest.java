package dev.shipgate.shared.init;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ClassPreloaderTest {

    static final AtomicBoolean INITIALIZED = new AtomicBoolean();

    static final class InitializedOnlyWhenUsed {
        static {
            INITIALIZED.set(true);
        }
    }

    @Test
    void loadsListedClassesWithoutInitializingThemAndSkipsWhatIsGone() {
        int loaded = ClassPreloader.loadAll(getClass().getClassLoader(), "preloader-test-list.txt");

        assertThat(loaded).as("the nested class and the JDK class; the missing one skipped").isEqualTo(2);
        assertThat(INITIALIZED).as("loading must not run static initializers").isFalse();
    }

    @Test
    void readsNamesSkippingCommentsAndBlankLines() {
        assertThat(ClassPreloader.list(getClass().getClassLoader(), "preloader-test-list.txt")).containsExactly(
                "dev.shipgate.shared.init.ClassPreloaderTest$InitializedOnlyWhenUsed",
                "dev.shipgate.shared.init.NoSuchClassAnyMore",
                "java.util.zip.Adler32");
    }

    @Test
    void noListMeansNothingToLoad() {
        assertThat(ClassPreloader.loadAll(getClass().getClassLoader(), "no-such-list.txt")).isZero();
    }
}
