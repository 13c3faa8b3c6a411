/**
 * The year-end assessment (年度考核): each grassroots organization's Party Building Cup score (党的建设杯) from its duty
 * reports, rectification, satisfaction survey and list signature, its pioneer-index stars (先锋指数星级) and rank, and
 * the report cards (成绩单, {@code /api/report-cards}). Other capabilities (the annual cycle) call
 * {@link org.partybuilding.assessment.AssessmentService} and read {@link org.partybuilding.assessment.AssessmentSummary};
 * the decision tables' evaluation, the tables and the web controller are hidden.
 */
package org.partybuilding.assessment;
