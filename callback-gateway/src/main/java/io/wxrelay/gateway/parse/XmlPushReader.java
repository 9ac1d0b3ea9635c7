package io.wxrelay.gateway.parse;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import io.wxrelay.gateway.callback.rejection.Rejection;
import javax.xml.stream.XMLInputFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * Reads a push body into its fields with jackson-dataformat-xml, hardened: no DTDs, no external
 * entities, no entity expansion, bounded depth, element count and text length. Anything else is a
 * {@link Rejection} (400), never a parser blow-up.
 */
public final class XmlPushReader {
  private final XmlMapper mapper;

  public XmlPushReader() {
    XMLInputFactory stax = new WstxInputFactory();
    stax.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    stax.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    stax.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    stax.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 16);
    stax.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, 2_000);
    stax.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, 256 * 1024);
    stax.setProperty(
        WstxInputProperties.P_MAX_ENTITY_COUNT, 1); // no DTD means no entity to expand anyway
    this.mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(stax).build());
  }

  /** The elements under {@code <xml>} as a tree: text for leaves, objects for nested elements. */
  public ObjectNode read(byte[] body) {
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new Rejection(400, "bad_xml", "not well-formed or not allowed XML");
    }
    if (!(tree instanceof ObjectNode fields) || fields.isEmpty()) {
      throw new Rejection(400, "bad_xml", "no elements");
    }
    return fields;
  }
}
