package dev.crosstalk.testapps.settings;

/** The application settings as a bean, for the pages that were moved off the untyped map. */
class Settings {

    private String title;
    private Integer foo;
    private Integer bar;
    private Boolean baz;

    String getTitle() {
        return title;
    }

    void setTitle(String title) {
        this.title = title;
    }

    Integer getFoo() {
        return foo;
    }

    void setFoo(Integer foo) {
        this.foo = foo;
    }

    Integer getBar() {
        return bar;
    }

    void setBar(Integer bar) {
        this.bar = bar;
    }

    Boolean getBaz() {
        return baz;
    }

    void setBaz(Boolean baz) {
        this.baz = baz;
    }
}
