/**
 * Third-party satisfaction survey (基层党建满意度第三方测评): the evaluator's file per year ({@code /api/surveys/{year}},
 * CSV or .xlsx), checked whole, stored, and a rectification item for each organization below the threshold. Other
 * capabilities read the scores through {@link org.partybuilding.survey.SurveyResults}; the file reading, checks and
 * tables are hidden.
 */
package org.partybuilding.survey;
