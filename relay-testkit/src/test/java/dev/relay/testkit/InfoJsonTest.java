package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link InfoJson} field extraction from INFO greetings. */
class InfoJsonTest {

    @Test
    void readsInfoFields() {
        String info = InfoJson.body("INFO {\"server_id\":\"N1\",\"version\":\"2.9.10\",\"jetstream\":true,"
                + "\"ldm\": false} \r\n");
        assertThat(info).startsWith("{").endsWith("}");
        assertThat(InfoJson.stringField(info, "version")).contains("2.9.10");
        assertThat(InfoJson.booleanField(info, "jetstream")).contains(true);
        assertThat(InfoJson.booleanField(info, "ldm")).contains(false);
        assertThat(InfoJson.stringField(info, "missing")).isEmpty();
    }

    @Test
    void bodyOfBareJsonIsUnchanged() {
        assertThat(InfoJson.body("{\"a\":1}")).isEqualTo("{\"a\":1}");
    }
}
