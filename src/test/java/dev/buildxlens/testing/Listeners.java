package dev.buildxlens.testing;

import java.lang.reflect.Field;
import javafx.beans.Observable;

/**
 * How many listeners an observable holds, read from JavaFX's expression helper: a listener a closed dialog left on a
 * view model's property is a leak no assertion on the screen can see.
 */
public final class Listeners {

    private Listeners() {
    }

    public static int count(Observable observable) {
        try {
            Object helper = field(observable.getClass(), "helper").get(observable);
            if (helper == null) {
                return 0;
            }
            int total = 0;
            boolean generic = false;
            for (Class<?> type = helper.getClass(); type != null; type = type.getSuperclass()) {
                for (Field size : type.getDeclaredFields()) {
                    if (size.getType() == int.class && size.getName().endsWith("Size")) {
                        size.setAccessible(true);
                        total += size.getInt(helper);
                        generic = true;
                    }
                }
            }
            // The single-listener helpers hold exactly one; the generic one counts its arrays.
            return generic ? total : 1;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the listeners of " + observable, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + type);
    }
}
