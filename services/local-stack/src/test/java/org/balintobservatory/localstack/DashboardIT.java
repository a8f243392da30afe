package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.demo.ConsortiumGenerator;
import org.balintobservatory.demo.PlantedEffects;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The research dashboard in a real browser (Debian's Chromium through its chromedriver) against the
 * whole running system: a researcher enters the key, opens the comparison page, picks a moderator, and
 * sees exactly the numbers the analytics API gives for that query, then the robustness and cumulative pages
 * for theirs. Screenshots go to
 * {@code target/screenshots/}. It loads the demo consortium into the shared stack ({@link SharedStack}) after
 * the classes that read only their own data, and cuts a release for the researcher.
 *
 * <p>With {@code -Ddashboard.base-url=... -Ddashboard.api-key=...} the same checks run against a stack
 * that is already running (for example {@code ./mvnw -Plocal-stack}) instead of starting one.
 */
@Order(2)
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODERATOR = "facilitationStyle";
    private static final Duration PATIENCE = Patience.scaled(Duration.ofSeconds(60));

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    @Test
    void theComparisonPageShowsTheApisNumbersForTheChosenModerator() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium"))
                        && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs Debian's chromium and chromium-driver, which .ci/run installs");
        String running = System.getProperty("dashboard.base-url");
        if (running != null) {
            checkComparisonPage(running, System.getProperty("dashboard.api-key"),
                    System.getProperty("dashboard.school-key"), System.getProperty("dashboard.institution"));
            return;
        }
        SharedStack.Running shared = SharedStack.shared();
        String base = shared.baseUrl();
        LocalStack stack = shared.stack();
        loadDemoData(base, stack);
        theParticipantLevelAnswerRecoversTheDemosPlantedDose(base, stack.keys().researcher());
        String institution = anInstitutionWithUnits(base, stack.keys().researcher());
        checkComparisonPage(base, stack.keys().researcher(), stack.keys().school(institution), institution);
    }

    /**
     * The demo plants a within-group dose effect of {@link PlantedEffects#PER_SESSION_ATTENDED} empathy points per
     * session attended (docs/demo-data.md); the researcher's participant-level answer on the empathy total, BASELINE
     * to POST, finds it with the right sign and a 95 % interval that covers it.
     */
    private void theParticipantLevelAnswerRecoversTheDemosPlantedDose(String base, String key) throws Exception {
        JsonNode within = getJson(base + "/api/v1/analytics/participant-level?instrument="
                + ConsortiumGenerator.EMPATHY + "&scale=total&from=BASELINE&to=POST", key)
                .path("doseResponse").path("within");
        System.out.println("The demo's within-group dose slope through the API: " + within);
        assertThat(within.path("estimate").asDouble()).as("within-group slope %s", within).isPositive();
        assertThat(within.path("ciLower").asDouble()).as("95%% interval %s", within)
                .isLessThan(PlantedEffects.PER_SESSION_ATTENDED);
        assertThat(within.path("ciUpper").asDouble()).as("95%% interval %s", within)
                .isGreaterThan(PlantedEffects.PER_SESSION_ATTENDED);
    }

    /** A demo institution with units on the first scale, as the researcher's comparison shows them. */
    private String anInstitutionWithUnits(String base, String researcher) throws Exception {
        JsonNode scale = getJson(base + "/api/v1/analytics/overview", researcher).path("scales").get(0);
        JsonNode rows = getJson(base + "/api/v1/analytics/comparison?instrument=" + scale.path("instrument").asText()
                + "&scale=" + scale.path("scale").asText(), researcher).path("rows");
        assertThat(rows.size()).as("units of the demo consortium").isPositive();
        return rows.get(0).path("institutionId").asText();
    }

    /** @param schoolKey a school's key and its institution, for the school page; {@code null} skips it */
    private void checkComparisonPage(String base, String key, String schoolKey, String institution) throws Exception {
        Files.createDirectories(screenshots);
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            browser.get(base + "/#/comparison");
            WebElement keyField = wait.until(ExpectedConditions.elementToBeClickable(By.id("api-key")));
            keyField.sendKeys(key);
            browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=comparison-k]")));
            waitForResults(wait);
            screenshot(browser, "comparison-overall");

            new Select(browser.findElement(By.id("moderator"))).selectByValue(MODERATOR);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=qm]")));
            waitForResults(wait);
            assertThat(browser.getCurrentUrl()).as("the choice is kept in the address").contains("moderator=" + MODERATOR);

            JsonNode api = getJson(base + "/api/v1/analytics/comparison?" + query(formValues(browser)), key);
            assertThat(api.path("moderator").asText()).isEqualTo(MODERATOR);

            WebElement k = testid(browser, "comparison-k");
            assertThat(Integer.parseInt(k.getText())).as("k shown").isEqualTo(api.path("k").asInt());
            assertThat(testid(browser, "comparison-participants").getText()).isEqualTo(api.path("participants").asText());
            assertShown(testid(browser, "overall-estimate"), api.path("overall").path("estimate"), 0.0005);
            assertShown(testid(browser, "qm"), api.path("moderatorTest").path("qm"), 0.005);
            assertShown(testid(browser, "tau2"), api.path("overall").path("tau2"), 0.00005);

            assertThat(testid(browser, "forest-facts").getText())
                    .contains("k = " + api.path("k").asInt())
                    .contains("n = " + api.path("participants").asInt())
                    .contains(api.path("measure").asText())
                    .contains("REML")
                    .contains("log position");
            assertThat(testid(browser, "forest-suppressed").getText())
                    .startsWith(api.path("suppressedUnits").asInt() + " unit")
                    .contains("n < " + api.path("minimumCellSize").asInt() + ": "
                            + api.path("withheldUnits").path("belowThreshold").asInt())
                    .contains("not yet published: " + api.path("withheldUnits").path("heldBack").asInt());
            assertThat(api.path("withheldUnits").path("total").asInt()).as("the reasons add up")
                    .isEqualTo(api.path("suppressedUnits").asInt());
            assertThat(browser.findElements(By.cssSelector("[data-testid=levels-table] tbody tr")))
                    .hasSize(api.path("levels").size());
            assertThat(browser.findElements(By.cssSelector("#forest-chart svg"))).as("the forest plot is drawn").isNotEmpty();
            assertThat(browser.findElement(By.id("forest-chart")).getSize().getHeight())
                    .as("the chart's height, set through the CSS object model the policy allows").isGreaterThan(100);
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .as("nothing the dashboard needs is refused by its Content-Security-Policy")
                    .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
            screenshot(browser, "comparison-by-" + MODERATOR);

            browser.manage().window().setSize(new Dimension(800, 1100));
            screenshot(browser, "comparison-tablet");
            browser.manage().window().setSize(new Dimension(1280, 800));

            checkReleaseBar(base, key, browser, wait, api);

            checkRobustnessAndCumulativePages(base, key, browser, wait);

            checkParticipantLevelPage(base, key, browser, wait);
            if (schoolKey != null) {
                checkWhatTheSchoolIsMissing(base, schoolKey, institution, browser, wait);
            }

            browser.findElement(By.id("api-key")).sendKeys("bo_not-a-key");
            browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
            WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
            assertThat(message.getText()).as("a rejected key is explained").contains("401");
            screenshot(browser, "rejected-key");
        } finally {
            browser.quit();
        }
    }

    /**
     * The release bar names the release the page's answers come from, as the API does, and lists every published
     * release; picking one keeps it in the address and every figure names it.
     */
    private void checkReleaseBar(String base, String key, WebDriver browser, WebDriverWait wait, JsonNode api)
            throws Exception {
        String name = api.path("release").path("name").asText();
        assertThat(name).as("the API's answer names its release").isNotBlank();
        assertThat(testid(browser, "release-label").getText()).contains("data release " + name)
                .contains(api.path("release").path("cutAt").asText().substring(0, 10));
        JsonNode releases = getJson(base + "/api/v1/analytics/releases", key);
        Select picker = new Select(testid(browser, "release-picker"));
        assertThat(picker.getOptions()).as("latest, then every published release").hasSize(releases.size() + 1);

        picker.selectByValue(name);
        wait.until(ExpectedConditions.urlContains("release=" + name));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=comparison-k]")));
        waitForResults(wait);
        assertThat(testid(browser, "release-label").getText()).contains("data release " + name);
        assertThat(testid(browser, "forest-facts").getText()).contains("data release " + name);
        screenshot(browser, "comparison-release-picked");
    }

    /**
     * The robustness page (leave one institution out, Baujat plot, funnel plot with the small-study
     * diagnostics) and the cumulative forest plot show the API's numbers for the query on their pickers.
     */
    private void checkRobustnessAndCumulativePages(String base, String key, WebDriver browser, WebDriverWait wait)
            throws Exception {
        browser.get(base + "/#/robustness");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=robustness-estimate]")));
        waitForResults(wait);
        JsonNode robustness = getJson(base + "/api/v1/analytics/robustness?" + query(formValues(browser)), key);
        assertShown(testid(browser, "robustness-estimate"), robustness.path("overall").path("estimate"), 0.0005);
        assertThat(browser.findElements(By.cssSelector("[data-testid=leave-institution-table] tbody tr")))
                .hasSize(robustness.path("byInstitution").size());
        assertThat(browser.findElements(By.cssSelector("[data-testid=influence-table] tbody tr")))
                .hasSize(robustness.path("influence").size());
        assertThat(testid(browser, "small-study-label").getText()).contains("not tests or corrections of publication bias");
        for (String chart : List.of("leave-institution-chart", "baujat-chart", "funnel-chart")) {
            assertThat(browser.findElements(By.cssSelector("#" + chart + " svg"))).as(chart + " is drawn").isNotEmpty();
        }
        screenshot(browser, "robustness");

        browser.get(base + "/#/cumulative");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=cumulative-last]")));
        waitForResults(wait);
        JsonNode cumulative = getJson(base + "/api/v1/analytics/cumulative?" + query(formValues(browser)), key);
        assertThat(cumulative.path("order").asText()).as("the page's order, by default").isEqualTo("completion");
        JsonNode steps = cumulative.path("steps");
        assertThat(steps.size()).as("units added").isGreaterThan(1);
        // The table is the chart's alternative, folded under it: its text is read from the DOM, shown or not.
        assertThat(browser.findElement(By.cssSelector("[data-testid=cumulative-table] tbody tr")).getDomProperty("textContent"))
                .as("each step is labelled with the month its unit reached its second timepoint")
                .contains(steps.get(0).path("completedIn").asText());
        assertShown(testid(browser, "cumulative-last"), steps.get(steps.size() - 1).path("estimate"), 0.0005);
        assertThat(browser.findElements(By.cssSelector("[data-testid=cumulative-table] tbody tr"))).hasSize(steps.size());
        assertThat(browser.findElements(By.cssSelector("#cumulative-chart svg"))).as("the cumulative forest plot").isNotEmpty();
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("nothing the new pages need is refused by the Content-Security-Policy")
                .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
        screenshot(browser, "cumulative");

        new Select(browser.findElement(By.id("order"))).selectByValue("start");
        wait.until(ExpectedConditions.urlContains("order=start"));
        waitForResults(wait);
        JsonNode byStart = getJson(base + "/api/v1/analytics/cumulative?" + query(formValues(browser)), key);
        assertThat(byStart.path("order").asText()).isEqualTo("start");
        assertThat(browser.findElement(By.cssSelector("[data-testid=cumulative-table] tbody tr")).getDomProperty("textContent"))
                .contains(byStart.path("steps").get(0).path("programmeStart").asText());
        screenshot(browser, "cumulative-by-start");
    }

    /**
     * The school page, with a school's key, lists what keeps each of its units out of the analysis as the API
     * does for the first of its outcomes' questions.
     */
    private void checkWhatTheSchoolIsMissing(String base, String schoolKey, String institution, WebDriver browser,
                                             WebDriverWait wait) throws Exception {
        browser.get(base + "/#/school?institution=" + institution);
        WebElement keyField = wait.until(ExpectedConditions.elementToBeClickable(By.id("api-key")));
        keyField.clear();
        keyField.sendKeys(schoolKey);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=missing-table]")));
        waitForResults(wait);
        JsonNode summary = getJson(base + "/api/v1/analytics/institutions/" + institution + "/summary", schoolKey);
        JsonNode first = summary.path("outcomes").get(0);
        JsonNode missing = getJson(base + "/api/v1/analytics/institutions/" + institution + "/missing?instrument="
                + first.path("instrument").asText() + "&scale=" + first.path("scale").asText(), schoolKey);
        int units = 0;
        int out = 0;
        List<String> reasons = new java.util.ArrayList<>();
        for (JsonNode programme : missing.path("programmes")) {
            List<JsonNode> all = new java.util.ArrayList<>(List.of(programme));
            programme.path("groups").forEach(all::add);
            for (JsonNode unit : all) {
                units++;
                out += unit.path("inAnalysis").asBoolean() ? 0 : 1;
                unit.path("gaps").forEach(g -> reasons.add(g.path("reason").asText()));
            }
        }
        assertThat(units).as("the school's programmes and groups").isPositive();
        assertThat(browser.findElements(By.cssSelector("[data-testid=missing-table] tbody tr"))).hasSize(units);
        assertThat(testid(browser, "missing-out").getDomAttribute("data-value")).isEqualTo(String.valueOf(out));
        assertThat(browser.findElements(By.cssSelector("[data-testid=missing-table] li[data-reason]"))
                .stream().map(li -> li.getDomAttribute("data-reason")).toList())
                .as("every reason the API gives, in its order").isEqualTo(reasons);
        screenshot(browser, "school-missing");
    }

    /**
     * The participant-level page shows the API's one-stage model for the query on its pickers: participants, the
     * within-group dose slope and the across − within difference, every fixed effect, variance component and
     * one-stage/two-stage row, and the dose-response curve drawn.
     */
    private void checkParticipantLevelPage(String base, String key, WebDriver browser, WebDriverWait wait)
            throws Exception {
        browser.get(base + "/#/participant");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=ipd-within]")));
        waitForResults(wait);
        Map<String, String> values = new LinkedHashMap<>();
        String[] scale = new Select(browser.findElement(By.id("scale"))).getFirstSelectedOption()
                .getDomAttribute("value").split("\\|", 2);
        values.put("instrument", scale[0]);
        values.put("scale", scale[1]);
        for (String id : List.of("from", "to", "dose", "method")) {
            values.put(id, new Select(browser.findElement(By.id(id))).getFirstSelectedOption().getDomAttribute("value"));
        }
        JsonNode api = getJson(base + "/api/v1/analytics/participant-level?" + query(values), key);

        assertThat(testid(browser, "ipd-participants").getText()).isEqualTo(api.path("participants").asText());
        assertShown(testid(browser, "ipd-within"), api.path("doseResponse").path("within").path("estimate"), 0.0005);
        assertShown(testid(browser, "ipd-difference"), api.path("doseResponse").path("difference").path("estimate"),
                0.0005);
        assertThat(browser.findElements(By.cssSelector("[data-testid=ipd-fixed-effects] tbody tr")))
                .hasSize(api.path("fixedEffects").size());
        assertThat(browser.findElements(By.cssSelector("[data-testid=ipd-variance] tbody tr"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("[data-testid=ipd-two-stage] tbody tr")))
                .hasSize(api.path("twoStage").size());
        assertThat(browser.findElements(By.cssSelector("#dose-response-chart svg"))).as("the dose-response curve")
                .isNotEmpty();
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("nothing the participant-level page needs is refused by the Content-Security-Policy")
                .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
        screenshot(browser, "participant-level");

        // The bundle is refused to a researcher while a number of sessions attended singles out fewer than five
        // participants of a group; the page then says why instead of failing silently.
        HttpResponse<String> bundle = http.send(HttpRequest.newBuilder(URI.create(
                        base + "/api/v1/analytics/participant-level/bundle.zip?" + query(values)))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        browser.findElement(By.xpath("//button[normalize-space()='Bundle (R)']")).click();
        By refused = By.cssSelector("[data-testid=dose-response-download-refused]");
        if (bundle.statusCode() == 422) {
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(refused)).getText())
                    .contains("(422)", JSON.readTree(bundle.body()).path("detail").asText());
            screenshot(browser, "participant-level-bundle-refused");
        } else {
            assertThat(bundle.statusCode()).isEqualTo(200);
            assertThat(browser.findElement(refused).isDisplayed()).as("no refusal shown for a bundle given").isFalse();
        }
    }

    /**
     * The data the dashboard shows: the demo consortium, which the stack loads through the gateway on its
     * first start, then waited for until analytics has read all of it (its log position stops moving).
     */
    void loadDemoData(String baseUrl, LocalStack stack) throws Exception {
        stack.loadDemo();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Patience.scaled(Duration.ofMinutes(3))).pollInterval(Duration.ofSeconds(3)).until(() -> {
            JsonNode overview = getJson(baseUrl + "/api/v1/analytics/overview", stack.keys().researcher());
            boolean settled = last[0] != null && overview.path("logPosition").equals(last[0].path("logPosition"))
                    && overview.path("scales").size() > 0;
            last[0] = overview;
            return settled;
        });
    }

    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // The browser's console, where a Content-Security-Policy refusal is reported.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800", "--user-data-dir=" + Files.createTempDirectory("dashboard-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void waitForResults(WebDriverWait wait) {
        wait.until(browser -> browser.findElements(By.cssSelector("[aria-busy]")).isEmpty());
    }

    private static WebElement testid(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** The number behind the element is the API's, and the text shows it rounded. */
    private static void assertShown(WebElement element, JsonNode expected, double rounding) {
        assertThat(expected.isNumber()).as("the API gives %s a number", element.getDomAttribute("data-testid")).isTrue();
        assertThat(Double.parseDouble(element.getDomAttribute("data-value"))).isEqualTo(expected.asDouble());
        assertThat(Double.parseDouble(element.getText())).isCloseTo(expected.asDouble(), within(rounding));
    }

    /** The query the page's pickers describe, as the page sends it. */
    private static Map<String, String> formValues(WebDriver browser) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] scale = new Select(browser.findElement(By.id("scale"))).getFirstSelectedOption()
                .getDomAttribute("value").split("\\|", 2);
        values.put("instrument", scale[0]);
        values.put("scale", scale[1]);
        for (String id : List.of("from", "to", "moderator", "unit", "measure", "method", "test", "model", "robust",
                "participantType", "country", "format", "order")) {
            List<WebElement> control = browser.findElements(By.id(id));
            if (control.isEmpty()) {
                continue;
            }
            String value = new Select(control.get(0)).getFirstSelectedOption().getDomAttribute("value");
            if (!value.isEmpty()) {
                values.put(id, value);
            }
        }
        return values;
    }

    private static String query(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private void screenshot(WebDriver browser, String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height + 140, window.getHeight()), 6000)));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
        browser.manage().window().setSize(window);
    }

    private JsonNode getJson(String url, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void send(String method, String url, String key, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isEqualTo(expectedStatus);
    }
}
