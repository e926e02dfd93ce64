package com.patientcobridge.patientco.portal;

/** The portal no longer has an element the bridge relies on: the page and the element are named; never an empty result. */
public class PortalLayoutChangedException extends RuntimeException {

    private final String page;
    private final String element;

    public PortalLayoutChangedException(String page, String element, String savedSource) {
        super("Portal layout changed: page '" + page + "' has no " + element
                + (savedSource == null ? "" : " (page source kept in " + savedSource + ")"));
        this.page = page;
        this.element = element;
    }

    public String page() {
        return page;
    }

    public String element() {
        return element;
    }
}
