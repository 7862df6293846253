package org.newsgraph.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;

/**
 * Where each article field is found in a structured record (JSON Lines, CSV, Parquet): for each
 * field a list of alternative paths, the first present and non-null one wins. A path may be nested
 * with dots ({@code meta.published}).
 *
 * @param id the input's own article id (optional)
 * @param published publication date or time
 * @param source outlet
 * @param title headline
 * @param text article body
 * @param url link to the article
 */
public record FieldMapping(
    List<String> id,
    List<String> published,
    List<String> source,
    List<String> title,
    List<String> text,
    List<String> url)
    implements Serializable {

  public FieldMapping {
    id = List.copyOf(id);
    published = List.copyOf(published);
    source = List.copyOf(source);
    title = List.copyOf(title);
    text = List.copyOf(text);
    url = List.copyOf(url);
  }

  /** The value of the first alternative path that is present and not null, or null. */
  static JsonNode find(JsonNode record, List<String> paths) {
    for (String path : paths) {
      JsonNode node = record;
      for (String part : path.split("\\.")) {
        node = node == null || !node.isObject() ? null : node.get(part);
      }
      if (node != null && !node.isNull()) {
        return node;
      }
    }
    return null;
  }
}
