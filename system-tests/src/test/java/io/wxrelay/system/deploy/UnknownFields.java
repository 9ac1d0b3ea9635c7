package io.wxrelay.system.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of a parsed object that its model does not define: fabric8 keeps them in each model
 * object's {@code additionalProperties}, so this walks the object graph and lists the path of every
 * such entry, e.g. {@code spec.replicass}.
 */
final class UnknownFields {
  private static final String ADDITIONAL = "additionalProperties";

  private UnknownFields() {}

  static List<String> in(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    switch (value) {
      case null -> {}
      case Map<?, ?> map -> map.forEach((k, v) -> walk(v, join(path, String.valueOf(k)), found));
      case Collection<?> list -> {
        int i = 0;
        for (Object item : list) {
          walk(item, path + "[" + i++ + "]", found);
        }
      }
      case Record r -> walkRecord(r, path, found);
      default -> {
        if (value.getClass().getName().startsWith("io.fabric8.")) {
          walkModel(value, path, found);
        }
      }
    }
  }

  private static void walkRecord(Record r, String path, List<String> found) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        walk(c.getAccessor().invoke(r), join(path, c.getName()), found);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
    }
  }

  private static void walkModel(Object model, String path, List<String> found) {
    for (Class<?> c = model.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        Object value;
        try {
          value = field.get(model);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
        if (field.getName().equals(ADDITIONAL) && value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
        } else {
          walk(value, join(path, nameOf(field)), found);
        }
      }
    }
  }

  private static String nameOf(Field field) {
    JsonProperty property = field.getAnnotation(JsonProperty.class);
    return property == null || property.value().isEmpty() ? field.getName() : property.value();
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
