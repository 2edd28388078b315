package io.faultline.cli;

/** Bad input to {@code faultline check}: the message is printed as is and the exit code is 3. */
final class CheckInputException extends Exception {
    CheckInputException(String message) {
        super(message);
    }
}
