package io.wxrelay.worker.plan;

/**
 * The field at {@code pointer} in a JSON body (its parent object exists) gets what step {@code
 * step} made, just before the call.
 */
public record Fill(String pointer, String step) {}
