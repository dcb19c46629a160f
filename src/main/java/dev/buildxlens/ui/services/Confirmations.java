package dev.buildxlens.ui.services;

/** Asks the user to confirm a change to their files. */
public interface Confirmations {

    boolean confirm(String title, String details);
}
