package org.partybuilding.assessment;

import java.util.List;

/**
 * What a year's assessment says about the city as a whole. The lists hold organization ids, best first (bottom: worst
 * first); no organization is both in {@code top} and in {@code bottom}.
 *
 * @param organizations                 grassroots organizations assessed
 * @param shareThreeStarsOrMore         share of them with three stars or more (0–1)
 * @param target                        the city's target for that share ({@code app.assessment.three-star-target})
 * @param targetMet                     the share reached the target
 * @param oneStepShort                  two-star organizations: one step short of three
 * @param top                           the best {@code app.assessment.talks} by cup score (谈优)
 * @param bottom                        the worst {@code app.assessment.talks} by cup score (谈差)
 * @param commendation                  five-star organizations (表彰)
 * @param accountability                one-star organizations and those with any item marked for accountability (问责)
 */
public record AssessmentSummary(
        int year,
        int organizations,
        double shareThreeStarsOrMore,
        double target,
        boolean targetMet,
        List<String> oneStepShort,
        List<String> top,
        List<String> bottom,
        List<String> commendation,
        List<String> accountability) {
}
