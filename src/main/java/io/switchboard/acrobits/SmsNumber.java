package io.switchboard.acrobits;

/** An SMS number of a directory user with the carrier that serves it (provisioning smsNumbers). */
public record SmsNumber(String carrier, String number) {
}
