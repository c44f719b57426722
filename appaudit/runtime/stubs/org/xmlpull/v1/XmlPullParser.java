package org.xmlpull.v1;

/** An empty document: parsing loops (`while (parser.next() != END_DOCUMENT)`) end at once. */
public interface XmlPullParser {
    int START_DOCUMENT = 0;
    int END_DOCUMENT = 1;
    int START_TAG = 2;
    int END_TAG = 3;
    int TEXT = 4;

    default int next() { return END_DOCUMENT; }
    default int nextToken() { return END_DOCUMENT; }
    default int getEventType() { return END_DOCUMENT; }
    default int getDepth() { return 0; }
    default String getName() { return null; }
}
