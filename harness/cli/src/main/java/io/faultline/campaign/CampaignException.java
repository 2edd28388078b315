package io.faultline.campaign;

/** A campaign file or state that cannot be used; the message names the file and field. */
public final class CampaignException extends Exception {
    public CampaignException(String message) {
        super(message);
    }

    public CampaignException(String message, Throwable cause) {
        super(message, cause);
    }
}
