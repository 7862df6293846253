package org.newsgraph.nlp;

import java.io.Serializable;

/**
 * One named-entity mention as CoreNLP found it.
 *
 * @param text the surface text, exactly as in the document
 * @param type CoreNLP's entity type (PERSON, ORGANIZATION, LOCATION, MISC, DATE, ...)
 * @param charBegin offset of the first character in the document text
 * @param charEnd offset one past the last character
 * @param sentenceIndex zero-based index of the sentence that holds the mention
 */
public record EntityMention(String text, String type, int charBegin, int charEnd, int sentenceIndex)
    implements Serializable {}
