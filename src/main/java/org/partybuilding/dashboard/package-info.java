/**
 * The supervisors' dashboard ({@code /dashboard} and {@code /api/dashboard/**}): the signed-in user's organizations at a
 * glance, read from the product's own indexed tables and Camunda's runtime task table, never from history. Only reads.
 */
package org.partybuilding.dashboard;
