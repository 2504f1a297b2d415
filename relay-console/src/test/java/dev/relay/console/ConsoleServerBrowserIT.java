package dev.relay.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.FreePorts;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerConfig;
import dev.relay.testkit.NatsServerExtension;
import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The page's view of the server in a real headless Chromium: the monitor panel fed by the server's
 * monitoring port (on a phone-sized window, kept as a screenshot), and the connection state going to
 * reconnecting and back when the server dies and restarts. The restart comes last: it changes the
 * class's server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleServerBrowserIT {

    private static final int MONITOR_PORT = FreePorts.loopback();

    /** Registered by hand: the monitoring port must be in the server's config. */
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension(NatsServerConfig.builder()
            .extraConfig("http: 127.0.0.1:" + MONITOR_PORT).build());

    @Test
    @Order(1)
    void theMonitorPanelShowsTheServersConnectionsOnAPhoneSizedWindow(NatsServer server) {
        URI monitor = URI.create("http://127.0.0.1:" + MONITOR_PORT);
        try (ConsoleFixture f = ConsoleFixture.start(server, b -> b.monitorUrl(monitor));
                Browser browser = Browser.start(390, 844)) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.driver.get(f.console.browserUri().toString());
            browser.awaitText("conn-state", "connected");

            browser.waiting().until(d -> browser.byId("monitor").isDisplayed());
            browser.awaitText("mon-stats", "connections");
            browser.awaitText("mon-conns", "console");
            assertThat(browser.byId("mon-url").getText()).isEqualTo(monitor.toString().replaceAll("/$", ""));
            assertThat(browser.driver.findElement(By.className("mon-version")).getText()).isEqualTo(server.version());
            // the layout fits a phone: no horizontal scrolling
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth");
            assertThat(overflow).isEqualTo(true);
            assertThat(browser.screenshot("console-phone")).exists();
        }
    }

    @Test
    @Order(2)
    void theConnectionStateShowsReconnectingWhileTheServerIsDownAndConnectedAfter(NatsServer server) {
        try (ConsoleFixture f = ConsoleFixture.start(server); Browser browser = Browser.start(1280, 900)) {
            browser.driver.get(f.console.browserUri().toString());
            browser.awaitText("conn-state", "connected");
            assertThat(browser.byId("conn-stats").getText()).contains("0 reconnects");

            server.kill();
            browser.awaitText("conn-state", "reconnecting");
            assertThat(browser.byId("conn-event").getText()).contains("disconnected");

            server.restart();
            browser.waiting().until(d -> browser.byId("conn-state").getText().equals("connected"));
            browser.awaitText("conn-stats", "1 reconnects");
        }
    }
}
