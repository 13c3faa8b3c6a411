package org.partybuilding.assessment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the year-end assessment reads its results.
 *
 * @param threeStarTarget share of grassroots organizations the city wants at three stars or more
 *                        ({@code ASSESSMENT_THREE_STAR_TARGET}, 0.8: "over 80% reach three stars")
 * @param talks           how many best and how many worst organizations get a performance talk (谈优谈差, {@code ASSESSMENT_TALKS})
 */
@ConfigurationProperties("app.assessment")
record AssessmentProperties(@DefaultValue("0.8") double threeStarTarget, @DefaultValue("3") int talks) {

    AssessmentProperties {
        if (threeStarTarget < 0 || threeStarTarget > 1) {
            throw new IllegalArgumentException("app.assessment.three-star-target must be between 0 and 1");
        }
        if (talks < 0) {
            throw new IllegalArgumentException("app.assessment.talks must not be negative");
        }
    }
}
