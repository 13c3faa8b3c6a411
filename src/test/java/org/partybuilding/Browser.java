package org.partybuilding;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, with a Chinese browser language. Where Chromium is not
 * installed the test is skipped with a message, except under CI ({@code CI=true}), where that is a failure.
 */
public final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The city's time zone, the zone a browser runs in unless a test asks for another. */
    public static final String CITY_TIME_ZONE = "Asia/Shanghai";

    public static Browser open() {
        return open(CITY_TIME_ZONE);
    }

    /** A browser whose clock runs in {@code timeZone} (the process's {@code TZ} and Chrome's own override). */
    public static Browser open(String timeZone) {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            String message = "浏览器测试需要 Debian 的 chromium 和 chromium-driver（apt-get install chromium chromium-driver fonts-wqy-zenhei）";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "：CI 中不允许跳过");
            }
            Assumptions.abort(message + "：未安装，跳过");
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1400,1000", "--lang=zh-CN",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort().withEnvironment(Map.of("TZ", timeZone)).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Logs in on the webapp's login form that the current page shows. The form may be drawn again while the app
     * starts (its scripts load): a field found before that is stale, so the whole form is filled again; and a form
     * drawn again after it was filled sends nothing, so while the form is still there after the click, it is filled
     * and sent once more.
     */
    public void login(String user, String password) {
        org.openqa.selenium.By form = org.openqa.selenium.By.cssSelector("input[ng-model=username]");
        for (int attempt = 1; ; attempt++) {
            try {
                driver.findElement(form).clear();
                driver.findElement(form).sendKeys(user);
                driver.findElement(org.openqa.selenium.By.cssSelector("input[type=password]")).clear();
                driver.findElement(org.openqa.selenium.By.cssSelector("input[type=password]")).sendKeys(password);
                driver.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
                new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                        .until(org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated(form));
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Saves a screenshot under {@code target/screenshots/} for a person to look at. */
    public Path screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
