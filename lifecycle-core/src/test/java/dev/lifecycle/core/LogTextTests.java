package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The engine's log text: escaped control characters, durations in the units a person reads. */
class LogTextTests {

    @Test
    void newlineNulAndRightToLeftOverrideAreWrittenAsVisibleEscapes() {
        assertThat(LogText.escape("one\ntwo\r\u0000three\u202Efour\tfive\u0085six\u2028seven\u007F"))
                .isEqualTo("one\\ntwo\\r\\u0000three\\u202Efour\\tfive\\u0085six\\u2028seven\\u007F");
    }

    @Test
    void textWithoutControlCharactersIsReturnedAsItIs() {
        String text = "C:\\data\\db — «café» 東京 {} %s";

        assertThat(LogText.escape(text)).isSameAs(text);
    }

    @ParameterizedTest(name = "{0} ms reads {1}")
    @CsvSource({
            "0, 0 ms",
            "12, 12 ms",
            "999, 999 ms",
            "1000, 1 s",
            "4250, 4.2 s",
            "9999, 9.9 s",
            "10000, 10 s",
            "53999, 53 s",
            "60000, 1 min",
            "113240, 1 min 53 s",
            "3599999, 59 min 59 s",
            "3600000, 1 h",
            "7500000, 2 h 5 min",
            "86400000, 1 d",
            "273600000, 3 d 4 h",
            "-5, 0 ms"})
    void durationReadsInTheLargestUnitThatFits(long millis, String text) {
        assertThat(LogText.duration(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
