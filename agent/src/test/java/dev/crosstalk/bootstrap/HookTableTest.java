package dev.crosstalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

/** Each row of the hook table names a public static hook with exactly that descriptor, and each hook has a row. */
class HookTableTest {
    private static final List<Class<?>> HOOK_CLASSES = List.of(FieldHooks.class, ContainerHooks.class,
            CallHooks.class, RequestHooks.class);

    @Test
    void everyRowNamesAHookOfThatDescriptor() throws Exception {
        for (HookTable row : HookTable.values()) {
            Class<?> owner = Class.forName(row.owner.replace('/', '.'));
            Type type = Type.getMethodType(row.descriptor);
            Class<?>[] parameters = new Class<?>[type.getArgumentTypes().length];
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = load(type.getArgumentTypes()[i]);
            }
            Method m = owner.getMethod(row.name, parameters);
            assertTrue(Modifier.isStatic(m.getModifiers()), row + " is static");
            assertEquals(row.descriptor, Type.getMethodDescriptor(m), row.name());
        }
    }

    @Test
    void everyPublicHookHasARow() {
        Set<String> rows = new HashSet<>();
        for (HookTable row : HookTable.values()) {
            rows.add(row.owner + '.' + row.name + row.descriptor);
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> c : HOOK_CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                String key = Type.getInternalName(c) + '.' + m.getName() + Type.getMethodDescriptor(m);
                if (Modifier.isPublic(m.getModifiers()) && !rows.contains(key)) {
                    missing.add(key);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void replacementHooksStandForTheCallTheyReplace() {
        assertEquals("(Ljava/lang/Object;)Ljava/lang/Object;", HookTable.MAP_GET.callDescriptor());
        assertEquals("(II)V", HookTable.CAL_SET.callDescriptor());
        assertEquals("()[B", HookTable.MD_DIGEST.callDescriptor());
        assertEquals("Ljava/util/List;", HookTable.LIST_SET.receiver());
    }

    private static Class<?> load(Type t) throws ClassNotFoundException {
        switch (t.getSort()) {
            case Type.INT:
                return int.class;
            case Type.LONG:
                return long.class;
            case Type.ARRAY:
            case Type.OBJECT:
                return Class.forName(t.getDescriptor().startsWith("[") ? t.getDescriptor().replace('/', '.')
                        : t.getClassName());
            default:
                throw new AssertionError("no hook takes " + t);
        }
    }
}
