package io.switchboard.acrobits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContactMasterBodTest {

    @Test
    void theFixtureMapsToAnUpsertWithNamesWorkPhoneAndEmail() throws IOException {
        List<ContactMasterUpdate> updates = ContactMasterBod.parse(AcrobitsWebServicesTest.fixture("SyncContactMaster.xml"));
        assertThat(updates).containsExactly(new ContactMasterUpdate(ContactMasterUpdate.Action.UPSERT, "john.doe",
                "John Doe", "John", "Doe", "john.doe@example.com", List.of(new DirectoryPhone("work", "1000", true))));
    }

    @Test
    void deleteActionCodeBecomesDelete() throws IOException {
        String bod = AcrobitsWebServicesTest.fixture("SyncContactMaster.xml").replace("Replace", "Delete");
        assertThat(ContactMasterBod.parse(bod).get(0).action()).isEqualTo(ContactMasterUpdate.Action.DELETE);
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<SyncContactMaster><DataArea><ContactMaster><IDs><ID>&e;</ID></IDs></ContactMaster></DataArea>"
                + "</SyncContactMaster>";
        assertThatThrownBy(() -> ContactMasterBod.parse(xxe)).isInstanceOf(InvalidContactMaster.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aContactWithoutIdOrAnUnknownActionIsRefused() {
        assertThatThrownBy(() -> ContactMasterBod.parse("<SyncContactMaster><DataArea><ContactMaster/></DataArea>"
                + "</SyncContactMaster>")).isInstanceOf(InvalidContactMaster.class);
        assertThatThrownBy(() -> ContactMasterBod.parse("<SyncContactMaster><DataArea><Sync><ActionCriteria>"
                + "<ActionExpression actionCode=\"Explode\"/></ActionCriteria></Sync><ContactMaster><IDs><ID>x</ID>"
                + "</IDs></ContactMaster></DataArea></SyncContactMaster>")).isInstanceOf(InvalidContactMaster.class);
        assertThatThrownBy(() -> ContactMasterBod.parse("not xml")).isInstanceOf(InvalidContactMaster.class);
    }
}
