package dev.crosstalk.testapps.userdata.jdkhttp;

/** The portal's page layout, one for the whole application; its header is rendered on first use. */
final class Layout {

    static final Layout INSTANCE = new Layout();

    String header;

    private Layout() {
    }
}
