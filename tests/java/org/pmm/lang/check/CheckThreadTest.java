package org.pmm.lang.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pmm.base.UserError;

/**
 * What ends the checking thread reaches the caller: a result, or the exception or error itself.
 * An {@link OutOfMemoryError} on the checking thread once left the caller with no result and no
 * error, and {@code pmm check} printed "ok".
 */
class CheckThreadTest {
  @Test
  void returnsTheResult() {
    assertEquals("checked", CheckThread.run(() -> "checked"));
  }

  @Test
  void anErrorOnTheCheckingThreadIsThrownToTheCaller() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> CheckThread.run(() -> {
      throw oom;
    })));
    AssertionError other = new AssertionError("a bug");
    assertSame(other, assertThrows(AssertionError.class, () -> CheckThread.run(() -> {
      throw other;
    })));
  }

  @Test
  void exceptionsAreThrownAsThemselves() {
    IllegalStateException bug = new IllegalStateException("a bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> CheckThread.run(() -> {
      throw bug;
    })));
  }

  @Test
  void aStackOverflowIsAUserErrorAboutNesting() {
    UserError error = assertThrows(UserError.class, () -> CheckThread.run(() -> {
      throw new StackOverflowError();
    }));
    assertEquals("the program is too deeply nested to check", error.getMessage());
  }

  @Test
  void noResultIsNeverTakenForSuccess() {
    assertThrows(IllegalStateException.class, () -> CheckThread.run(() -> null));
  }
}
