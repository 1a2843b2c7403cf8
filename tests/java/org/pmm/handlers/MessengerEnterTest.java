package org.pmm.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmm.Pmm;
import org.pmm.distributions.Normal;

/**
 * {@code enter()} returns the handler's own type and leaves the stack as it was when it fails.
 *
 * <p>A wrong assignment such as {@code ScaleMessenger s = Pmm.block().enter();} no longer
 * compiles ("incompatible types: BlockMessenger cannot be converted to ScaleMessenger"); it
 * used to compile and throw a ClassCastException after the handler was pushed, leaving it on
 * the stack. A compile error cannot be tested here, so the tests below check by reflection that
 * the return type the compiler sees for each handler is that handler.
 */
class MessengerEnterTest {
  private static final List<Class<?>> HANDLERS = List.of(BlockMessenger.class,
      ConditionMessenger.class, LatentScaleMessenger.class, MaskMessenger.class,
      PlateMessenger.class, ReplayMessenger.class, ScaleMessenger.class, SeedMessenger.class,
      SubstituteMessenger.class, TraceMessenger.class);

  /** A handler that cannot become active. */
  private static final class RefusesToEnter extends Messenger<RefusesToEnter> {
    @Override
    protected void entered() {
      throw new IllegalStateException("refused");
    }

    @Override
    protected void process(Message msg) {
      throw new AssertionError("a handler that failed to enter saw site " + msg.name);
    }
  }

  @Test
  void enterReturnsBlockMessengerOnABlockMessenger() throws ReflectiveOperationException {
    Method enter = BlockMessenger.class.getMethod("enter");
    TypeVariable<?> declared = assertInstanceOf(TypeVariable.class, enter.getGenericReturnType());
    assertEquals(Messenger.class, declared.getGenericDeclaration());
    assertEquals(BlockMessenger.class, typeArgument(BlockMessenger.class));
    assertTrue(Modifier.isFinal(enter.getModifiers()), "no subclass may widen what enter returns");
  }

  @Test
  void everyHandlerNamesItselfAsTheTypeEnterReturns() {
    for (Class<?> handler : HANDLERS) {
      assertEquals(handler, typeArgument(handler), handler.getSimpleName());
    }
  }

  private static Type typeArgument(Class<?> handler) {
    ParameterizedType superclass = assertInstanceOf(ParameterizedType.class,
        handler.getGenericSuperclass(), handler.getSimpleName());
    assertEquals(Messenger.class, superclass.getRawType());
    return superclass.getActualTypeArguments()[0];
  }

  @Test
  void aFailingEnterLeavesTheStackAsItWas() {
    int depth = HandlerStack.depth();
    try (TraceMessenger outer = new TraceMessenger().enter()) {
      assertThrows(IllegalStateException.class, () -> new RefusesToEnter().enter());
      assertEquals(depth + 1, HandlerStack.depth());
      Pmm.sample("z", new Normal(0.0, 1.0));
      assertTrue(outer.trace().contains("z"));
    }
    assertEquals(depth, HandlerStack.depth());
  }

  @Test
  void enterReturnsTheHandlerItself() {
    BlockMessenger block = Pmm.block();
    try (BlockMessenger entered = block.enter()) {
      assertSame(block, entered);
    }
  }
}
