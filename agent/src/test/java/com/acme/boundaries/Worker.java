package com.acme.boundaries;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Methods of the shapes a boundary is woven into: wide locals, loops, handlers of their own, early
 * returns, a throw out of a callee, static and instance, primitive and reference arguments.
 */
public class Worker {
    private final StringBuilder log = new StringBuilder();

    public String handle(String name, long count, double ratio, int[] values) {
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * count;
            if (sum > 1_000_000) {
                return "big";
            }
        }
        double d = ratio;
        try {
            d = Double.parseDouble(name);
        } catch (NumberFormatException e) {
            log.append("nan");
        }
        return name + sum + d;
    }

    public void handleFailing(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalStateException("empty");
        }
        items.forEach(log::append);
    }

    public static int handleStatic(boolean flag, char c, short s, byte b, float f) throws Exception {
        Callable<Integer> call = () -> (int) f + s + b;
        int r = call.call();
        switch (c) {
            case 'a':
                return flag ? r : -r;
            case 'b':
                throw new java.io.IOException("b");
            default:
                return r * 2;
        }
    }

    public void handle() {
        log.append("plain");
    }
}
