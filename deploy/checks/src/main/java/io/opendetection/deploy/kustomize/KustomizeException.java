package io.opendetection.deploy.kustomize;

/** A kustomization this renderer cannot or will not render, and why. */
public class KustomizeException extends RuntimeException {
    public KustomizeException(String message) {
        super(message);
    }
}
