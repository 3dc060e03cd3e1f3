package dev.crosstalk.agent;

import dev.crosstalk.bootstrap.Hooks;

/** Runs {@link Installer#selfTest()} in a JVM of its own; see {@link InstallerSelfTestTest}. */
final class SelfTestMain {
    private SelfTestMain() {
    }

    public static void main(String[] args) {
        System.out.println("hooks loaded by: " + Hooks.class.getClassLoader());
        System.out.println("self-test: " + Installer.selfTest());
    }
}
