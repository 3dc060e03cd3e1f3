package dev.crosstalk.bootstrap;

/**
 * The sink while no runtime is installed: every event is dropped. Hooks always have a sink to call,
 * so each guards its call with one {@code try} and no null test.
 */
final class InertSink implements Sink {
    static final InertSink INSTANCE = new InertSink();

    private InertSink() {
    }

    @Override
    public void staticRead(int site, Object value) {
    }

    @Override
    public void staticWrite(int site, Object value, long bits) {
    }

    @Override
    public void containerOp(int site, ContainerOp op, Object container, Object key, Object value) {
    }

    @Override
    public Object requestEnter(Object request, int kind, int entry) {
        return null;
    }

    @Override
    public void requestExit(Object token) {
    }

    @Override
    public Object captureContext() {
        return null;
    }

    @Override
    public Object attachContext(Object context) {
        return null;
    }

    @Override
    public void detachContext(Object previous) {
    }

    @Override
    public void classInitEnter() {
    }

    @Override
    public void classInitExit() {
    }
}
