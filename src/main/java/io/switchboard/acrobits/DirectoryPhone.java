package io.switchboard.acrobits;

/** A phone number of a directory user; verified numbers are what Acrobits external auth returns. */
public record DirectoryPhone(String label, String number, boolean verified) {
}
