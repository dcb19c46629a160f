package dev.buildxlens.core.bake.hcl;

/** Thrown from inside regular expression matching when it has read more characters than the budget allows. */
final class RegexBudgetException extends RuntimeException {

    RegexBudgetException() {
        super("regular expression budget spent", null, false, false);
    }
}
