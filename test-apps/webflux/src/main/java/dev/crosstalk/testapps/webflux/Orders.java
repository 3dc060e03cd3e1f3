package dev.crosstalk.testapps.webflux;

/** The order received last, for the confirmation page. */
final class Orders {
    static String lastOrder;

    private Orders() {
    }
}
