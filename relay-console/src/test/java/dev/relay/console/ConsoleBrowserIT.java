package dev.relay.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The console page in a real headless Chromium against a real nats-server: publish and see the
 * message in the live list, request/reply with the result inline, subject presets and wildcards, the
 * active subscription count going up and down, payloads shown as text (never HTML). Each test gets a
 * fresh console (and token); the browser is shared by the class.
 */
@NatsTest
class ConsoleBrowserIT {

    private static Browser browser;
    private ConsoleFixture fixture;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start(1280, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openConsole(NatsServer server) {
        fixture = ConsoleFixture.start(server);
        browser.driver.get(fixture.console.browserUri().toString());
        browser.awaitText("conn-state", "connected");
    }

    @AfterEach
    void closeConsole() {
        fixture.close();
    }

    @Test
    void aMessagePublishedFromThePageAppearsInTheLiveList() throws Exception {
        subscribe("page.>");
        browser.type("pub-subject", "page.hello");
        browser.type("pub-payload", "{\"greeting\":\"hi there\"}");
        browser.byId("add-header").click();
        browser.driver.findElement(By.cssSelector("#pub-headers .hdr-key")).sendKeys("Trace-Id");
        browser.driver.findElement(By.cssSelector("#pub-headers .hdr-value")).sendKeys("abc");
        browser.byId("btn-publish").click();

        browser.awaitText("pub-result", "published");
        String list = browser.awaitText("msg-list", "page.hello");
        assertThat(list).contains("Trace-Id: abc").contains("\"greeting\": \"hi there\""); // pretty-printed JSON
        assertThat(browser.awaitText("sub-list", "1 msgs")).contains("page.>");
        Files.createDirectories(java.nio.file.Path.of("target"));
        assertThat(browser.screenshot("console")).exists().isNotEmptyFile();
    }

    @Test
    void aRequestShowsTheReplyInlineAndNoRespondersAsAnError(NatsServer server) {
        try (Connection responder = ConsoleFixture.connect(server)) {
            responder.subscribe("page.echo", m -> m.respond("echo: " + m.dataAsString()));
            responder.flush(Browser.WAIT);

            browser.type("pub-subject", "page.echo");
            browser.type("pub-payload", "ping");
            browser.byId("btn-request").click();
            String result = browser.awaitText("pub-result", "reply from");
            assertThat(result).contains("echo: ping").containsPattern("in [0-9.]+ ms");
            assertThat(browser.byId("pub-result").getAttribute("class")).contains("ok");

            browser.type("pub-subject", "page.nobody");
            browser.byId("btn-request").click();
            assertThat(browser.awaitText("pub-result", "no_responders (503)")).contains("page.nobody");
            assertThat(browser.byId("pub-result").getAttribute("class")).contains("error");
        }
    }

    @Test
    void presetsSetTheSubjectAndOnlyTheFullWildcardReceivesThreeTokens(NatsServer server) {
        browser.byId("preset-full").click();
        assertThat(browser.byId("sub-subject").getAttribute("value")).isEqualTo("foo.>");
        assertThat(browser.byId("preset-help").getText()).contains("foo.bar.baz");
        browser.byId("btn-subscribe").click();
        browser.awaitText("sub-count", "1");
        browser.byId("preset-token").click();
        assertThat(browser.byId("sub-subject").getAttribute("value")).isEqualTo("foo.*");
        browser.byId("btn-subscribe").click();
        browser.awaitText("sub-count", "2");
        browser.byId("preset-simple").click();
        assertThat(browser.byId("sub-subject").getAttribute("value")).isEqualTo("foo.bar");

        try (Connection other = ConsoleFixture.connect(server)) {
            other.publish("foo.bar.baz", "three tokens");
            other.publish("foo.one", "two tokens");
            other.flush(Browser.WAIT);
        }

        browser.awaitText("msg-list", "foo.one");
        browser.waiting().until(d -> rowText("foo.>").contains("2 msgs") && rowText("foo.*").contains("1 msgs"));
        List<WebElement> deep = messagesOn("foo.bar.baz");
        assertThat(deep).hasSize(1);
        assertThat(deep.get(0).findElement(By.className("msg-sid")).getText()).isEqualTo("sid " + sidOf("foo.>"));
        assertThat(messagesOn("foo.one")).hasSize(2); // once per matching subscription
    }

    @Test
    void theActiveSubscriptionCountGoesUpAndDown() {
        assertThat(browser.byId("sub-count").getText()).isEqualTo("0");
        subscribe("count.a");
        subscribe("count.b");
        browser.awaitText("sub-count", "2");

        row("count.a").findElement(By.className("unsub")).click();

        browser.awaitText("sub-count", "1");
        browser.waiting().until(d -> browser.driver.findElements(By.cssSelector("#sub-list li")).size() == 1);
        assertThat(browser.byId("sub-list").getText()).contains("count.b").doesNotContain("count.a");
        assertThat(fixture.api.get("/api/nats/subscriptions").json().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void aPayloadWithMarkupIsShownAsTextNeverRun() {
        subscribe("xss.>");
        String evil = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"><b>bold</b>";
        browser.type("pub-subject", "xss.test");
        browser.type("pub-payload", evil);
        browser.byId("btn-publish").click();

        browser.awaitText("msg-list", "xss.test");
        WebElement payload = messagesOn("xss.test").get(0).findElement(By.className("msg-payload"));
        assertThat(payload.getText()).isEqualTo(evil);
        assertThat(payload.findElements(By.xpath(".//*"))).isEmpty();
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void filterPauseAndClearWorkOnTheLiveList(NatsServer server) {
        subscribe("flt.>");
        try (Connection other = ConsoleFixture.connect(server)) {
            other.publish("flt.apple", "red");
            other.publish("flt.pear", "green");
            other.flush(Browser.WAIT);
            browser.awaitText("msg-shown", "2");

            browser.type("msg-filter", "apple");
            assertThat(visibleMessages()).hasSize(1);
            assertThat(visibleMessages().get(0).getText()).contains("flt.apple");
            browser.byId("msg-filter").clear();
            browser.byId("msg-filter").sendKeys(" ");
            assertThat(visibleMessages()).hasSize(2);

            browser.byId("btn-pause").click();
            other.publish("flt.plum", "purple");
            other.flush(Browser.WAIT);
            browser.awaitText("msg-paused", "1 not shown");
            assertThat(browser.byId("msg-list").getText()).doesNotContain("flt.plum");
            browser.byId("btn-pause").click();
            browser.byId("btn-clear").click();
            browser.awaitText("msg-shown", "0");
        }
    }

    @Test
    void binaryPayloadsAreShownAsHex(NatsServer server) {
        subscribe("bin.>");
        try (Connection other = ConsoleFixture.connect(server)) {
            other.publish("bin.data", new byte[] {(byte) 0xff, 0x00, (byte) 0xc3, 0x28});
            other.flush(Browser.WAIT);
        }
        browser.awaitText("msg-list", "bin.data");
        assertThat(messagesOn("bin.data").get(0).findElement(By.className("msg-payload")).getText())
                .isEqualTo("000000  ff 00 c3 28");
    }

    @Test
    void withoutTheTokenThePageAsksForItAndThenWorks() {
        browser.driver.manage().deleteAllCookies();
        ((JavascriptExecutor) browser.driver).executeScript("sessionStorage.clear()");
        browser.driver.get(fixture.console.uri().toString());
        browser.waiting().until(d -> browser.byId("token-box").isDisplayed());

        browser.type("token-input", fixture.console.accessToken());
        browser.byId("token-save").click();

        browser.awaitText("conn-state", "connected");
        assertThat(browser.byId("token-box").isDisplayed()).isFalse();
    }

    private void subscribe(String subject) {
        browser.type("sub-subject", subject);
        browser.byId("btn-subscribe").click();
        browser.awaitText("sub-result", "subscribed to " + subject);
        browser.waiting().until(d -> !browser.driver.findElements(By.xpath(
                "//ul[@id='sub-list']/li[span[@class='sub-subject' and text()='" + subject + "']]")).isEmpty());
        // the page opens the message socket right after subscribing; wait until the console has it
        long sid = sidOf(subject);
        browser.waiting().until(d -> fixture.api.get("/api/nats/subscriptions").json().path("subscriptions")
                .findValues("sid").stream().anyMatch(n -> n.asLong() == sid)
                && socketsOf(sid) == 1);
    }

    private int socketsOf(long sid) {
        for (var s : fixture.api.get("/api/nats/subscriptions").json().path("subscriptions")) {
            if (s.path("sid").asLong() == sid) {
                return s.path("sockets").asInt();
            }
        }
        return -1;
    }

    private WebElement row(String subject) {
        return browser.driver.findElement(By.xpath(
                "//ul[@id='sub-list']/li[span[@class='sub-subject' and text()='" + subject + "']]"));
    }

    private String rowText(String subject) {
        return row(subject).getText();
    }

    private long sidOf(String subject) {
        return Long.parseLong(row(subject).getAttribute("data-sid"));
    }

    private List<WebElement> messagesOn(String subject) {
        return browser.driver.findElements(By.xpath(
                "//ol[@id='msg-list']/li[.//span[@class='msg-subject' and text()='" + subject + "']]"));
    }

    private List<WebElement> visibleMessages() {
        return browser.driver.findElements(By.cssSelector("#msg-list li.msg")).stream().filter(WebElement::isDisplayed).toList();
    }
}
