package dev.crosstalk.bootstrap;

import java.util.concurrent.Callable;

/**
 * A task submitted from inside a request, carrying that request to the thread that runs it. When
 * the task ends, the worker thread is back to whatever it served before (normally: no request).
 */
public abstract class ContextTask {
    final Object context;

    ContextTask(Object context) {
        this.context = context;
    }

    /** A wrapped {@link Runnable}. */
    public static final class OfRunnable extends ContextTask implements Runnable {
        private final Runnable task;

        OfRunnable(Runnable task, Object context) {
            super(context);
            this.task = task;
        }

        @Override
        public void run() {
            Object previous = RequestHooks.attach(context);
            try {
                task.run();
            } finally {
                RequestHooks.detach(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    /** A wrapped {@link Callable}. */
    public static final class OfCallable<V> extends ContextTask implements Callable<V> {
        private final Callable<V> task;

        OfCallable(Callable<V> task, Object context) {
            super(context);
            this.task = task;
        }

        @Override
        public V call() throws Exception {
            Object previous = RequestHooks.attach(context);
            try {
                return task.call();
            } finally {
                RequestHooks.detach(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
