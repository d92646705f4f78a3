package io.switchboard.acrobits;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The Account XML answer of external provisioning; absent values are left out so the portal defaults stay. */
@JacksonXmlRootElement(localName = "account")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"title", "username", "password", "cloud_username", "networkId", "smsNumbers"})
public record ProvisioningAccount(
        @JacksonXmlProperty(localName = "title") String title,
        @JacksonXmlProperty(localName = "username") String username,
        @JacksonXmlProperty(localName = "password") String password,
        @JacksonXmlProperty(localName = "cloud_username") String cloudUsername,
        @JacksonXmlProperty(localName = "networkId") String networkId,
        @JacksonXmlElementWrapper(localName = "smsNumbers")
        @JacksonXmlProperty(localName = "number") List<Number> smsNumbers) {

    /** smsNumbers/number: carrier and number. */
    @JsonPropertyOrder({"carrier", "number"})
    public record Number(String carrier, String number) {
    }
}
